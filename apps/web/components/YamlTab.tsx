'use client';
import type { ApplyResult } from '@argus/contracts';
import { Badge, Button, objectYaml, YamlEditor } from '@argus/ui';
import { useState } from 'react';
import { api } from '@/lib/api';
import type { KubeObject } from '@/lib/kube';
import { DiffView } from './DiffView';
import { ErrorAlert } from './ErrorAlert';

interface ApplyResponse {
  dry_run: boolean;
  results: ApplyResult[];
}

/** The object without server-managed noise, as a person would edit it (`objectYaml`, shared with plugins). */
export const editableYaml = (obj: KubeObject): string => objectYaml(obj);

/** YAML view; edit → server-side dry-run diff → apply. */
export function YamlTab({
  clusterId,
  object,
  canEdit,
  onApplied,
}: {
  clusterId: string;
  object: KubeObject;
  canEdit: boolean;
  onApplied: () => void;
}) {
  const original = editableYaml(object);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(original);
  const [preview, setPreview] = useState<ApplyResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const send = (dryRun: boolean) =>
    api<ApplyResponse>(`/api/clusters/${encodeURIComponent(clusterId)}/apply?dryRun=${dryRun}`, {
      method: 'POST',
      rawBody: draft,
      contentType: 'application/yaml',
    });

  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const res = await send(dryRun);
      const failed = res.results.find((r) => r.action === 'failed');
      if (dryRun) setPreview(res);
      else if (failed) setError(new Error(failed.error?.message ?? `${failed.kind} ${failed.name} failed`));
      else {
        setEditing(false);
        setPreview(null);
        setDone(res.results.map((r) => `${r.kind} ${r.name} ${r.action}`).join('; '));
        onApplied();
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2">
        {!editing && canEdit && (
          <Button
            size="sm"
            onClick={() => {
              setDraft(original);
              setEditing(true);
              setPreview(null);
              setDone(null);
            }}
          >
            Edit
          </Button>
        )}
        {editing && (
          <>
            <Button size="sm" onClick={() => void run(true)} disabled={busy}>
              {busy && !preview ? 'Checking…' : 'Review changes (dry run)'}
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setEditing(false);
                setPreview(null);
                setError(null);
              }}
            >
              Cancel
            </Button>
          </>
        )}
        {!canEdit && <span className="text-xs text-muted-foreground">Read only: you may not change this object.</span>}
        {done && (
          <span className="text-sm text-success" role="status">
            Applied: {done}
          </span>
        )}
      </div>
      <ErrorAlert error={error} title="The change was not applied" />
      {preview && (
        <section aria-label="Dry-run result" className="grid gap-2 rounded-md border p-3">
          <h3 className="text-sm font-medium">Server-side dry run</h3>
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
              {r.error && <p className="text-sm text-destructive">{r.error.message}</p>}
              <DiffView diff={r.diff} />
            </div>
          ))}
          <div className="flex gap-2">
            <Button
              size="sm"
              onClick={() => void run(false)}
              disabled={busy || preview.results.some((r) => r.action === 'failed')}
            >
              {busy ? 'Applying…' : 'Apply'}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setPreview(null)}>
              Back to editing
            </Button>
          </div>
        </section>
      )}
      <div className="h-[60vh]">
        <YamlEditor
          key={editing ? 'edit' : 'view'}
          value={editing ? draft : original}
          onChange={setDraft}
          readOnly={!editing}
          label="Object YAML"
        />
      </div>
    </div>
  );
}
