'use client';
import type { ApplyResponse, ApplyResult } from '@argus/contracts';
import { Badge, Button, YamlEditor } from '@argus/ui';
import { useState } from 'react';
import { api } from '@/lib/api';
import { DiffView } from '../DiffView';
import { ErrorAlert } from '../ErrorAlert';

const EXAMPLE = `# One or more objects, separated by ---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: example\ndata:\n  key: value\n`;

/** The conflicting fields of a failed object, by manager, with the take-ownership explanation. */
function Conflicts({ result }: { result: ApplyResult }) {
  const byManager = new Map<string, string[]>();
  for (const c of result.conflicts ?? []) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.field]);
  return (
    <div className="grid gap-1 text-sm" role="group" aria-label={`Conflicts of ${result.name}`}>
      <p>Other field managers own fields this YAML sets to different values:</p>
      <ul className="list-disc pl-5">
        {[...byManager].map(([manager, fields]) => (
          <li key={manager}>
            <span className="font-medium">{manager}</span>:{' '}
            <span className="font-mono text-xs">{fields.join(', ')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * `POST /api/clusters/{id}/apply`: several objects through server-side apply, with a dry run first. A
 * conflict names the managers owning the fields; "Take ownership" applies again with force=true.
 */
export function ApplyYamlPanel({
  clusterId,
  namespace,
  onClose,
}: {
  clusterId: string;
  namespace?: string;
  onClose: () => void;
}) {
  const [text, setText] = useState(EXAMPLE);
  const [preview, setPreview] = useState<ApplyResponse | null>(null);
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async (dryRun: boolean, withForce = force) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const q = new URLSearchParams({ dryRun: String(dryRun) });
      if (withForce) q.set('force', 'true');
      if (namespace) q.set('namespace', namespace);
      const res = await api<ApplyResponse>(`/api/clusters/${encodeURIComponent(clusterId)}/apply?${q}`, {
        method: 'POST',
        rawBody: text,
        contentType: 'application/yaml',
      });
      setPreview(res);
      if (!dryRun && !res.results.some((r) => r.action === 'failed')) {
        setDone(res.results.map((r) => `${r.kind} ${r.name} ${r.action}`).join('; '));
        setPreview(null);
        setForce(false);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const conflicted = preview?.results.some((r) => r.conflicts?.length) ?? false;
  const failed = preview?.results.some((r) => r.action === 'failed') ?? false;

  return (
    <section aria-label="Apply YAML" className="grid gap-2 rounded-md border p-3">
      <div className="flex items-center gap-2">
        <h2 className="text-sm font-medium">Apply YAML (server-side apply)</h2>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={onClose}>
          Close
        </Button>
      </div>
      <div className="h-80">
        <YamlEditor value={text} onChange={setText} label="YAML to apply" />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={() => void run(true)} disabled={busy}>
          {busy ? 'Checking…' : 'Review (dry run)'}
        </Button>
        {preview?.dry_run && !failed && (
          <Button size="sm" onClick={() => void run(false)} disabled={busy}>
            {force ? 'Apply, taking ownership' : 'Apply'}
          </Button>
        )}
        {done && (
          <span className="text-sm text-success" role="status">
            Applied: {done}
          </span>
        )}
      </div>
      <ErrorAlert error={error} title="Nothing was applied" />
      {preview && (
        <div className="grid gap-2" aria-label="Apply result" role="region">
          {preview.results.map((r) => (
            <div key={`${r.kind}/${r.namespace}/${r.name}`} className="grid gap-1">
              <div className="flex items-center gap-2 text-sm">
                <Badge
                  variant={r.action === 'failed' ? 'destructive' : r.action === 'unchanged' ? 'secondary' : 'success'}
                >
                  {r.action}
                </Badge>
                {r.kind} {r.namespace ? `${r.namespace}/` : ''}
                {r.name}
              </div>
              {r.conflicts?.length ? (
                <Conflicts result={r} />
              ) : (
                r.error && <p className="text-sm text-destructive">{r.error.message}</p>
              )}
              {r.action !== 'failed' && <DiffView diff={r.diff} />}
            </div>
          ))}
          {conflicted && (
            <div className="flex flex-wrap items-center gap-2 rounded-md bg-muted/40 p-2 text-sm">
              <span>
                Taking ownership makes Argus the manager of those fields (server-side apply with force); their current
                managers stop owning them.
              </span>
              <Button
                size="sm"
                variant="destructive"
                disabled={busy}
                onClick={() => {
                  setForce(true);
                  void run(true, true);
                }}
              >
                Take ownership (force) and review
              </Button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
