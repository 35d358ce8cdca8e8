/**
 * `kubectl apply -f -`: the manifest comes in the request's `stdin`; each object is applied server-side
 * through the kubectl gateway as the user, and reported as kubectl reports it (`created`, `configured`,
 * `unchanged`).
 */
import { parseAllDocuments } from 'yaml';
import { resourcePath } from '../../clusters/discovery.js';
import { type CommandContext, KubectlError, kindName, kube, type RunResult } from './context.js';
import { parseFlags } from './flags.js';

interface Manifest {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
  items?: Manifest[];
}

function objectsOf(stdin: string): Manifest[] {
  const out: Manifest[] = [];
  for (const doc of parseAllDocuments(stdin)) {
    if (doc.errors.length) throw new KubectlError(`error: error parsing STDIN: ${doc.errors[0]!.message}`);
    const v = doc.toJS() as Manifest | null;
    if (!v) continue;
    if (v.kind === 'List' || v.kind?.endsWith('List')) out.push(...(v.items ?? []));
    else out.push(v);
  }
  return out;
}

export async function runApply(ctx: CommandContext, words: string[]): Promise<RunResult> {
  const { args, flags } = parseFlags(
    words,
    [
      { name: 'filename', short: 'f', type: 'string' },
      { name: 'validate', type: 'string' },
    ],
    'apply',
  );
  if (args.length) throw new KubectlError(`error: Unexpected args: [${args.join(' ')}]`);
  if (!flags.has('filename')) throw new KubectlError('error: must specify one of -f and -k');
  if (flags.get('filename') !== '-')
    throw new KubectlError(
      'error: the smart terminal reads manifests from standard input: apply -f - (paste the YAML)',
    );
  const objects = objectsOf(ctx.stdin ?? '');
  if (objects.length === 0) throw new KubectlError('error: no objects passed to apply');
  let out = '';
  for (const o of objects) {
    const name = o.metadata?.name;
    if (!o.apiVersion || !o.kind)
      return {
        output: `${out}error: unable to decode "STDIN": Object 'Kind' is missing in '${JSON.stringify(o)}'\n`,
        exit_code: 1,
      };
    let info: Awaited<ReturnType<CommandContext['module']['discovery']['byKind']>>;
    try {
      info = await ctx.module.discovery.byKind(ctx.clusterId, o.apiVersion, o.kind);
    } catch {
      return {
        output: `${out}error: resource mapping not found for name: "${name ?? ''}" namespace: "${o.metadata?.namespace ?? ''}" from "STDIN": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first\n`,
        exit_code: 1,
      };
    }
    if (!name)
      return {
        output: `${out}error: error when retrieving current configuration: resource name may not be empty\n`,
        exit_code: 1,
      };
    const ns = info.namespaced ? (o.metadata?.namespace ?? ctx.namespace) : undefined;
    const path = resourcePath(info, ns, name);
    try {
      const before = await ctx.client.request({ path });
      if (before.status !== 200 && before.status !== 404) await kube(ctx, { path }); // kubectl's error for the read
      const rv = before.status === 200 ? (before.json<Manifest>().metadata?.resourceVersion ?? '') : undefined;
      const body = { ...o, metadata: { ...o.metadata, ...(ns ? { namespace: ns } : {}) } };
      const after = await kube(ctx, {
        method: 'PATCH',
        path: `${path}?fieldManager=kubectl&force=true`,
        headers: { 'Content-Type': 'application/apply-patch+yaml' },
        body: JSON.stringify(body),
      });
      const verb =
        rv === undefined
          ? 'created'
          : after.json<Manifest>().metadata?.resourceVersion === rv
            ? 'unchanged'
            : 'configured';
      out += `${kindName(info)}/${name} ${verb}\n`;
    } catch (e) {
      if (e instanceof KubectlError) return { output: `${out}${e.message}\n`, exit_code: 1 };
      throw e;
    }
  }
  return { output: out, exit_code: 0 };
}
