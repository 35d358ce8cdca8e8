/** A read-only, made-up container filesystem: a few directories and files derived from the pod. */
export interface FakeFsInput {
  hostname: string;
  namespace: string;
  podIP?: string;
  image?: string;
  env: Record<string, string>;
  serviceAccount?: string;
}

export interface FakeFs {
  /** Normalised absolute path → file content. */
  readFile(path: string): string | undefined;
  /** Entries of a directory (names only, sorted), or undefined if it is not one. */
  readDir(path: string): string[] | undefined;
  isDir(path: string): boolean;
}

/** Resolves `path` against `cwd`, folding `.` and `..`. */
export function resolvePath(cwd: string, path: string): string {
  const joined = path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function osRelease(image: string | undefined): string {
  const img = (image ?? '').toLowerCase();
  if (img.includes('alpine')) {
    return [
      'NAME="Alpine Linux"',
      'ID=alpine',
      'VERSION_ID=3.20.3',
      'PRETTY_NAME="Alpine Linux v3.20"',
      'HOME_URL="https://alpinelinux.org/"',
      '',
    ].join('\n');
  }
  if (img.includes('ubuntu')) {
    return [
      'PRETTY_NAME="Ubuntu 24.04.1 LTS"',
      'NAME="Ubuntu"',
      'VERSION_ID="24.04"',
      'VERSION="24.04.1 LTS (Noble Numbat)"',
      'ID=ubuntu',
      'ID_LIKE=debian',
      '',
    ].join('\n');
  }
  return [
    'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
    'NAME="Debian GNU/Linux"',
    'VERSION_ID="12"',
    'VERSION="12 (bookworm)"',
    'VERSION_CODENAME=bookworm',
    'ID=debian',
    'HOME_URL="https://www.debian.org/"',
    '',
  ].join('\n');
}

export function createFakeFs(input: FakeFsInput): FakeFs {
  const ip = input.podIP ?? '10.244.0.2';
  const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
  const files = new Map<string, string>([
    ['/etc/hostname', `${input.hostname}\n`],
    ['/etc/os-release', osRelease(input.image)],
    [
      '/etc/hosts',
      `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${ip}\t${input.hostname}\n`,
    ],
    [
      '/etc/resolv.conf',
      `search ${input.namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
    ],
    ['/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n'],
    [
      '/proc/1/environ',
      `${Object.entries(input.env)
        .map(([k, v]) => `${k}=${v}`)
        .join('\0')}\0`,
    ],
    [
      '/proc/self/environ',
      `${Object.entries(input.env)
        .map(([k, v]) => `${k}=${v}`)
        .join('\0')}\0`,
    ],
    ['/proc/version', 'Linux version 6.1.0-28-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC\n'],
    [`${sa}/namespace`, input.namespace],
    [`${sa}/token`, `eyJhbGciOiJSUzI1NiJ9.kube-sim.${input.serviceAccount ?? 'default'}`],
    [`${sa}/ca.crt`, '-----BEGIN CERTIFICATE-----\nkube-sim\n-----END CERTIFICATE-----\n'],
    ['/root/.profile', '# ~/.profile\n'],
    ['/tmp/.keep', ''],
  ]);
  const dirs = new Map<string, Set<string>>();
  const addDir = (dir: string): void => {
    if (!dirs.has(dir)) dirs.set(dir, new Set());
    if (dir === '/') return;
    const parent = dir.slice(0, dir.lastIndexOf('/')) || '/';
    addDir(parent);
    dirs.get(parent)!.add(dir.slice(dir.lastIndexOf('/') + 1));
  };
  for (const d of ['/bin', '/dev', '/etc', '/home', '/lib', '/media', '/mnt', '/opt', '/proc/1', '/proc/self'])
    addDir(d);
  for (const d of ['/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr/bin', '/usr/lib', '/usr/local', '/var/log'])
    addDir(d);
  for (const bin of ['sh', 'ls', 'cat', 'echo', 'env', 'hostname', 'pwd']) files.set(`/bin/${bin}`, '\x7fELF');
  for (const path of files.keys()) {
    const dir = path.slice(0, path.lastIndexOf('/')) || '/';
    addDir(dir);
    dirs.get(dir)!.add(path.slice(path.lastIndexOf('/') + 1));
  }
  return {
    readFile: (path) => files.get(path),
    readDir: (path) => {
      const entries = dirs.get(path);
      return entries ? [...entries].sort() : undefined;
    },
    isDir: (path) => dirs.has(path),
  };
}
