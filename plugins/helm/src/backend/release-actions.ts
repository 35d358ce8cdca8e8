/**
 * Rollback and uninstall as helm's action package does them, writing the same release records.
 *
 * Rollback to revision R: a new revision N+1 (status pending-rollback) with R's chart, config, manifest
 * and notes; the objects move from the deployed manifest to R's; then the previously deployed revision
 * becomes superseded and N+1 deployed with description "Rollback to R". Old revisions beyond
 * `historyMax` are pruned (never the deployed one). On failure N+1 is marked failed.
 */
import { AppError } from '@argus/contracts';
import type { ClusterClient, PluginLogger } from '@argus/plugin-sdk';
import { type ApplyResult, createObjectApplier } from './object-applier.js';
import type { HelmRelease } from './release-codec.js';
import { createReleaseStore, type ReleaseStore } from './release-store.js';

export interface RollbackResult {
  release: HelmRelease;
  objects: ApplyResult;
}

export interface UninstallResult {
  deleted: string[];
  kept_history: boolean;
}

export interface ReleaseActions {
  rollback(namespace: string, name: string, revision: number): Promise<RollbackResult>;
  uninstall(namespace: string, name: string, keepHistory: boolean): Promise<UninstallResult>;
}

const PENDING = new Set(['pending-install', 'pending-upgrade', 'pending-rollback', 'uninstalling']);

export function createReleaseActions(
  client: ClusterClient,
  log: PluginLogger,
  opts: { now?: () => Date; historyMax?: number; store?: ReleaseStore } = {},
): ReleaseActions {
  const now = opts.now ?? (() => new Date());
  const store = opts.store ?? createReleaseStore(client, now);
  const applier = createObjectApplier(client, log);
  const historyMax = opts.historyMax ?? 10;

  async function prune(history: HelmRelease[]) {
    const excess = history.length - historyMax;
    if (historyMax <= 0 || excess <= 0) return;
    const old = history.filter((r) => r.info.status !== 'deployed').slice(0, excess);
    for (const r of old) await store.remove(r.namespace, r.name, r.version);
  }

  return {
    async rollback(namespace, name, revision) {
      const history = await store.history(namespace, name);
      const latest = history[history.length - 1] as HelmRelease;
      if (PENDING.has(latest.info.status))
        throw new AppError(
          'HELM_RELEASE_BUSY',
          `release ${namespace}/${name} has an operation in progress (${latest.info.status})`,
        );
      const target = history.find((r) => r.version === revision);
      if (!target)
        throw new AppError('HELM_REVISION_NOT_FOUND', `release ${namespace}/${name} has no revision ${revision}`);
      const deployed = history.filter((r) => r.info.status === 'deployed');
      const current = deployed[deployed.length - 1] ?? latest;
      const at = now().toISOString();
      const next: HelmRelease = {
        ...target,
        version: latest.version + 1,
        info: {
          first_deployed: current.info.first_deployed ?? at,
          last_deployed: at,
          deleted: '',
          description: `Rollback to ${revision}`,
          status: 'pending-rollback',
          ...(target.info.notes ? { notes: target.info.notes } : {}),
        },
      };
      await store.create(next);
      let objects: ApplyResult;
      try {
        objects = await applier.transition(namespace, current.manifest ?? '', target.manifest ?? '');
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        await store.update({
          ...next,
          info: { ...next.info, status: 'failed', description: `Rollback "${name}" failed: ${reason}` },
        });
        for (const r of deployed) await store.update({ ...r, info: { ...r.info, status: 'superseded' } });
        throw new AppError(
          'HELM_ROLLBACK_FAILED',
          `rollback of ${namespace}/${name} to ${revision} failed: ${reason}`,
          {
            cause: err,
          },
        );
      }
      for (const r of deployed) await store.update({ ...r, info: { ...r.info, status: 'superseded' } });
      const done: HelmRelease = { ...next, info: { ...next.info, status: 'deployed' } };
      await store.update(done);
      await prune([...history, done]);
      log.info({ namespace, release: name, revision, newRevision: done.version }, 'helm release rolled back');
      return { release: done, objects };
    },

    async uninstall(namespace, name, keepHistory) {
      const history = await store.history(namespace, name);
      const latest = history[history.length - 1] as HelmRelease;
      if (latest.info.status === 'uninstalled') {
        if (keepHistory)
          throw new AppError('HELM_RELEASE_NOT_FOUND', `release ${namespace}/${name} is already uninstalled`);
        for (const r of history) await store.remove(namespace, name, r.version);
        return { deleted: [], kept_history: false };
      }
      await store.update({ ...latest, info: { ...latest.info, status: 'uninstalling' } });
      const deleted = await applier.deleteAll(namespace, latest.manifest ?? '');
      if (keepHistory) {
        const at = now().toISOString();
        await store.update({
          ...latest,
          info: { ...latest.info, status: 'uninstalled', deleted: at, description: 'Uninstallation complete' },
        });
      } else {
        for (const r of history) await store.remove(namespace, name, r.version);
      }
      log.info({ namespace, release: name, keepHistory, objects: deleted.length }, 'helm release uninstalled');
      return { deleted, kept_history: keepHistory };
    },
  };
}
