import { type FakeFs, resolvePath } from './fake-fs.js';
import { FILTERS, runFilter } from './shell-filters.js';
import { splitCommands, splitPipeline, splitWords } from './shell-parse.js';

/** Where a command's output goes. */
export interface ShellIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface ShellOptions {
  env: Record<string, string>;
  hostname: string;
  fs: FakeFs;
  /** `sh` (busybox-style messages and prompt) or `bash`. */
  flavour?: 'sh' | 'bash';
  cwd?: string;
  /** Epoch milliseconds for `date`. */
  now?: () => number;
  /** The terminal's size as the last resize message gave it (`stty size`); undefined without a TTY. */
  size?: () => { width: number; height: number } | undefined;
}

export interface Shell {
  /** Runs one command given as argv (the exec request's `command` parameters). Returns its exit code. */
  runArgv(argv: string[], io: ShellIo): number;
  /** Runs a script line (`a; b && c`). Returns the last exit code. */
  runScript(script: string, io: ShellIo): number;
  /** True once `exit` ran. */
  readonly exited: boolean;
  readonly lastStatus: number;
  prompt(): string;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const BUILTINS = ['cat', 'cd', 'clear', 'date', 'echo', 'env', 'exit', 'export', 'false', 'hostname', 'id'];
const MORE_BUILTINS = ['ls', 'printenv', 'pwd', 'sh', 'sleep', 'stty', 'true', 'uname', 'which', 'whoami'];
const KNOWN = new Set([...BUILTINS, ...MORE_BUILTINS, ...SHELLS, ...FILTERS]);

export function isShellCommand(name: string): boolean {
  return SHELLS.has(baseName(name));
}

function baseName(cmd: string): string {
  return /^\/(usr\/)?(local\/)?s?bin\//.test(cmd) ? cmd.slice(cmd.lastIndexOf('/') + 1) : cmd;
}

export function createShell(options: ShellOptions): Shell {
  const env = { ...options.env };
  const fs = options.fs;
  const flavour = options.flavour ?? 'sh';
  const now = options.now ?? Date.now;
  let cwd = options.cwd ?? '/';
  let exited = false;
  let lastStatus = 0;
  /** what the previous pipeline stage wrote, for the current stage's stdin */
  let piped: string | undefined;

  const notFound = (name: string, io: ShellIo): number => {
    io.stderr(flavour === 'bash' ? `bash: ${name}: command not found\n` : `sh: ${name}: not found\n`);
    return 127;
  };

  const ls = (args: string[], io: ShellIo): number => {
    const flags = args.filter((a) => a.startsWith('-') && a !== '-').join('');
    const all = flags.includes('a');
    const long = flags.includes('l');
    const paths = args.filter((a) => !a.startsWith('-') || a === '-');
    const targets = paths.length > 0 ? paths : ['.'];
    let code = 0;
    targets.forEach((target, index) => {
      const path = resolvePath(cwd, target);
      const entries = fs.readDir(path);
      if (!entries) {
        if (fs.readFile(path) !== undefined) {
          io.stdout(long ? `-rw-r--r--    1 root     root  ${fs.readFile(path)!.length} ${target}\n` : `${target}\n`);
        } else {
          io.stderr(`ls: cannot access '${target}': No such file or directory\n`);
          code = 2;
        }
        return;
      }
      if (targets.length > 1) io.stdout(`${index > 0 ? '\n' : ''}${target}:\n`);
      const names = all ? ['.', '..', ...entries] : entries.filter((e) => !e.startsWith('.'));
      if (long) {
        for (const name of names) {
          const full = resolvePath(path, name);
          const isDir = fs.isDir(full);
          const size = isDir ? 4096 : (fs.readFile(full)?.length ?? 0);
          io.stdout(`${isDir ? 'drwxr-xr-x' : '-rw-r--r--'}    1 root     root  ${String(size).padStart(8)} ${name}\n`);
        }
      } else if (names.length > 0) {
        io.stdout(`${names.join('\n')}\n`);
      }
    });
    return code;
  };

  const cat = (args: string[], io: ShellIo): number => {
    if (args.length === 0 && piped !== undefined) io.stdout(piped);
    let code = 0;
    for (const arg of args) {
      const path = resolvePath(cwd, arg);
      const content = fs.readFile(path);
      if (content !== undefined) io.stdout(content);
      else if (fs.isDir(path)) {
        io.stderr(`cat: ${arg}: Is a directory\n`);
        code = 1;
      } else {
        io.stderr(`cat: ${arg}: No such file or directory\n`);
        code = 1;
      }
    }
    return code;
  };

  const echo = (args: string[], io: ShellIo): number => {
    let newline = true;
    let rest = args;
    while (rest[0] === '-n' || rest[0] === '-e' || rest[0] === '-ne' || rest[0] === '-en') {
      if (rest[0].includes('n')) newline = false;
      rest = rest.slice(1);
    }
    io.stdout(rest.join(' ') + (newline ? '\n' : ''));
    return 0;
  };

  const uname = (args: string[], io: ShellIo): number => {
    const all = args.includes('-a');
    if (all) io.stdout(`Linux ${options.hostname} 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n`);
    else if (args.includes('-r')) io.stdout('6.1.0-28-amd64\n');
    else if (args.includes('-n')) io.stdout(`${options.hostname}\n`);
    else if (args.includes('-m')) io.stdout('x86_64\n');
    else io.stdout('Linux\n');
    return 0;
  };

  const runArgv = (argv: string[], io: ShellIo): number => {
    if (argv.length === 0) return lastStatus;
    const assignments: [string, string][] = [];
    let words = argv;
    while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) {
      const w = words[0]!;
      assignments.push([w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]);
      words = words.slice(1);
    }
    if (words.length === 0) {
      for (const [k, v] of assignments) env[k] = v;
      lastStatus = 0;
      return 0;
    }
    const name = baseName(words[0]!);
    const args = words.slice(1);
    let code: number;
    switch (name) {
      case 'echo':
        code = echo(args, io);
        break;
      case 'ls':
        code = ls(args, io);
        break;
      case 'cat':
        code = cat(args, io);
        break;
      case 'env':
      case 'printenv': {
        const merged = { ...env, ...Object.fromEntries(assignments) };
        if (name === 'printenv' && args.length > 0) {
          code = 0;
          for (const a of args) {
            if (a in merged) io.stdout(`${merged[a]}\n`);
            else code = 1;
          }
        } else {
          for (const [k, v] of Object.entries(merged)) io.stdout(`${k}=${v}\n`);
          code = 0;
        }
        break;
      }
      case 'hostname':
        io.stdout(`${options.hostname}\n`);
        code = 0;
        break;
      case 'pwd':
        io.stdout(`${cwd}\n`);
        code = 0;
        break;
      case 'cd': {
        const target = resolvePath(cwd, args[0] ?? env.HOME ?? '/');
        if (fs.isDir(target)) {
          cwd = target;
          env.PWD = target;
          code = 0;
        } else {
          io.stderr(`sh: cd: can't cd to ${args[0]}: No such file or directory\n`);
          code = 2;
        }
        break;
      }
      case 'exit': {
        const n = args[0] === undefined ? lastStatus : Number.parseInt(args[0], 10);
        exited = true;
        code = Number.isNaN(n) ? 2 : ((n % 256) + 256) % 256;
        break;
      }
      case 'export':
        for (const a of args) {
          const eq = a.indexOf('=');
          if (eq > 0) env[a.slice(0, eq)] = a.slice(eq + 1);
        }
        code = 0;
        break;
      case 'true':
      case 'sleep':
        code = 0;
        break;
      case 'false':
        code = 1;
        break;
      case 'whoami':
        io.stdout('root\n');
        code = 0;
        break;
      case 'id':
        io.stdout('uid=0(root) gid=0(root) groups=0(root)\n');
        code = 0;
        break;
      case 'uname':
        code = uname(args, io);
        break;
      case 'date':
        io.stdout(`${new Date(now()).toUTCString().replace('GMT', 'UTC')}\n`);
        code = 0;
        break;
      case 'clear':
        io.stdout('\x1b[H\x1b[2J');
        code = 0;
        break;
      case 'stty': {
        const size = options.size?.();
        if (!size) {
          io.stderr('stty: standard input: Not a tty\n');
          code = 1;
        } else if (args[0] === 'size') {
          io.stdout(`${size.height} ${size.width}\n`);
          code = 0;
        } else {
          io.stdout(`speed 38400 baud; rows ${size.height}; columns ${size.width}; line = 0;\n`);
          code = 0;
        }
        break;
      }
      case 'which':
        code = 0;
        for (const a of args) {
          if (KNOWN.has(a)) io.stdout(`/bin/${a}\n`);
          else code = 1;
        }
        break;
      case 'sh':
      case 'bash':
      case 'ash':
      case 'dash':
      case 'zsh': {
        const c = args.indexOf('-c');
        code = c >= 0 && args[c + 1] !== undefined ? runNested(args[c + 1]!, io) : 0;
        break;
      }
      default:
        code = runFilter(name, args, piped ?? '', io) ?? notFound(words[0]!, io);
    }
    lastStatus = code;
    return code;
  };

  const runScript = (script: string, io: ShellIo): number => {
    for (const part of splitCommands(script)) {
      if (exited) break;
      if (part.connector === '&&' && lastStatus !== 0) continue;
      if (part.connector === '||' && lastStatus === 0) continue;
      const stages = splitPipeline(part.source);
      let input: string | undefined;
      stages.forEach((stage, i) => {
        const last = i === stages.length - 1;
        let captured = '';
        const capture = (t: string): void => {
          captured += t;
        };
        const stageIo: ShellIo = last ? io : { stdout: capture, stderr: io.stderr };
        piped = input;
        runArgv(splitWords(stage, { env, lastStatus }), stageIo);
        input = captured;
      });
      piped = undefined;
    }
    return lastStatus;
  };

  // `sh -c '…'` runs in a child shell: its `exit` ends only the child.
  const runNested = (script: string, io: ShellIo): number => {
    const child = createShell({ ...options, env, cwd });
    return child.runScript(script, io);
  };

  return {
    runArgv,
    runScript,
    get exited() {
      return exited;
    },
    get lastStatus() {
      return lastStatus;
    },
    prompt: () => (flavour === 'bash' ? `root@${options.hostname}:${cwd}# ` : `${cwd} # `),
  };
}
