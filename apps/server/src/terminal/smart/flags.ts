/**
 * kubectl-style (cobra/pflag) flag parsing for the smart terminal: `--name=value`, `--name value`,
 * `-n value`, `-nvalue`, `-o=wide`, bool flags (`--flag`, `--flag=false`), `--` ends the flags.
 * Errors carry kubectl's own text, so the terminal prints what kubectl would.
 */
export interface FlagSpec {
  name: string;
  short?: string;
  type: 'bool' | 'string' | 'int';
}

export class UsageError extends Error {
  constructor(
    message: string,
    /** `See 'kubectl get --help' for usage.` follows the error when set. */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** Flags every command takes (kubectl's global flags that make sense here). */
export const GLOBAL_FLAGS: FlagSpec[] = [{ name: 'namespace', short: 'n', type: 'string' }];

export interface Parsed {
  args: string[];
  flags: Map<string, string>;
}

export function parseFlags(words: string[], specs: FlagSpec[], command: string): Parsed {
  const all = [...GLOBAL_FLAGS, ...specs];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const args: string[] = [];
  const flags = new Map<string, string>();
  const set = (spec: FlagSpec, value: string, shown: string) => {
    if (spec.type === 'int' && !/^-?\d+$/.test(value))
      throw new UsageError(
        `invalid argument "${value}" for "${shown}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`,
        command,
      );
    if (
      spec.type === 'bool' &&
      !['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False'].includes(value)
    )
      throw new UsageError(
        `invalid argument "${value}" for "${shown}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`,
        command,
      );
    flags.set(spec.name, spec.type === 'bool' ? String(['true', '1', 't', 'TRUE', 'True'].includes(value)) : value);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      args.push(...words.slice(i + 1));
      break;
    }
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown flag: --${name}`, command);
      const shown = spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
      if (eq >= 0) set(spec, w.slice(eq + 1), shown);
      else if (spec.type === 'bool') set(spec, 'true', shown);
      else if (i + 1 < words.length) set(spec, words[++i]!, shown);
      else throw new UsageError(`flag needs an argument: --${name}`, command);
    } else if (w.startsWith('-') && w.length > 1) {
      // a run of shorthand flags: -Aw, -n payments, -npayments, -o=wide
      for (let j = 1; j < w.length; j++) {
        const c = w[j]!;
        const spec = byShort.get(c);
        if (!spec) throw new UsageError(`unknown shorthand flag: '${c}' in ${w}`, command);
        const shown = `-${spec.short}, --${spec.name}`;
        if (spec.type === 'bool') {
          if (w[j + 1] === '=') {
            set(spec, w.slice(j + 2), shown);
            break;
          }
          set(spec, 'true', shown);
          continue;
        }
        let rest = w.slice(j + 1);
        if (rest.startsWith('=')) rest = rest.slice(1);
        if (rest) set(spec, rest, shown);
        else if (i + 1 < words.length) set(spec, words[++i]!, shown);
        else throw new UsageError(`flag needs an argument: '${c}' in -${c}`, command);
        break;
      }
    } else args.push(w);
  }
  return { args, flags };
}
