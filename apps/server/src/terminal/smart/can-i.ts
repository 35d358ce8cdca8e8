/**
 * `kubectl auth can-i VERB RESOURCE[/NAME]`: answered by Argus RBAC exactly as the kubectl gateway would
 * decide the request (the same permission mapping, Secrets needing `secrets:read` too): `yes` (exit 0) or
 * `no` (exit 1). `-A` asks about the whole cluster.
 */
import { SECRETS_READ } from '@argus/contracts';
import type { Authorizer } from '../../auth/types.js';
import { permissionFor } from '../../clusters/access.js';
import { type CommandContext, KubectlError, type RunResult, resolveResource } from './context.js';
import { parseFlags, UsageError } from './flags.js';

const VERBS: Record<string, 'read' | 'write' | 'delete'> = {
  get: 'read',
  list: 'read',
  watch: 'read',
  create: 'write',
  update: 'write',
  patch: 'write',
  delete: 'delete',
  deletecollection: 'delete',
};

export async function runAuth(ctx: CommandContext, words: string[], authorizer: Authorizer): Promise<RunResult> {
  const [sub, ...rest] = words;
  if (sub !== 'can-i')
    throw new KubectlError(
      sub ? `error: unknown command "${sub}" for "kubectl auth"` : 'error: give an auth command: can-i',
    );
  const { args, flags } = parseFlags(
    rest,
    [
      { name: 'all-namespaces', short: 'A', type: 'bool' },
      { name: 'subresource', type: 'string' },
      { name: 'quiet', short: 'q', type: 'bool' },
    ],
    'auth can-i',
  );
  if (args.length < 2)
    throw new UsageError('you must specify two arguments: verb resource or verb resource/resourceName.', 'auth can-i');
  const [verb, what] = args as [string, string];
  const action = VERBS[verb] ?? (verb === '*' ? 'delete' : undefined);
  if (!action) throw new KubectlError(`error: the smart terminal answers can-i for ${Object.keys(VERBS).join(', ')}`);
  const [type, name] = what.split('/');
  const info = await resolveResource(ctx, type!);
  const sr = flags.get('subresource');
  const needs = [permissionFor(info.resource, sr, action)];
  if (
    info.group === '' &&
    info.resource === 'secrets' &&
    !sr &&
    action === 'read' &&
    (verb === 'get' || name || verb === 'list' || verb === 'watch')
  )
    needs.push(SECRETS_READ);
  const scope =
    info.namespaced && flags.get('all-namespaces') !== 'true'
      ? { clusterId: ctx.clusterId, namespace: ctx.namespace }
      : { clusterId: ctx.clusterId };
  let yes = true;
  for (const need of needs) if (!(await authorizer.can(ctx.principal, need.resource, need.action, scope))) yes = false;
  const quiet = flags.get('quiet') === 'true';
  return { output: quiet ? '' : yes ? 'yes\n' : 'no\n', exit_code: yes ? 0 : 1 };
}
