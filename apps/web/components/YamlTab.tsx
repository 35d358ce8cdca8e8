'use client';
import { unifiedDiff } from '@argus/contracts/unified-diff';
import { Button, objectYaml, YamlEditor } from '@argus/ui';
import { useState } from 'react';
import { useApiResources } from '@/hooks/use-api-resources';
import { ApiError, api } from '@/lib/api';
import type { KubeObject } from '@/lib/kube';
import { objectPath, pluralOfKind } from '@/lib/resources';
import { DiffView } from './DiffView';
import { ErrorAlert } from './ErrorAlert';
import { DraftError, readableYaml, updateFromDraft } from './yaml/object-edit';

/** The object without server-managed noise, as a person would edit it (`objectYaml`, shared with plugins). */
export const editableYaml = (obj: KubeObject): string => objectYaml(obj);

interface Preview {
  diff: string;
}
/** Someone changed the object since the editor loaded it: what they changed, and the live object. */
interface Conflict {
  live: KubeObject;
  diff: string;
}

/**
 * YAML view; edit → review (a dry-run update: the diff it would make) → save (an update carrying the
 * resourceVersion the editor loaded). Fields owned by other managers change like any other; a change made by
 * someone else meanwhile is answered 409 and shown as a diff, never overwritten silently.
 */
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
  const discovery = useApiResources(clusterId);
  const resource =
    object.apiVersion && object.kind ? pluralOfKind(discovery.data ?? [], object.apiVersion, object.kind) : undefined;
  const [editing, setEditing] = useState(false);
  // The object as the editor loaded it: its resourceVersion guards the save.
  const [loaded, setLoaded] = useState<KubeObject>(object);
  const [draft, setDraft] = useState(original);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const editable = canEdit && object.data_keys === undefined;
  const label = `${object.kind ?? 'object'} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;

  const put = (body: KubeObject, dryRun: boolean) => {
    if (!resource) throw new Error('The cluster’s kinds are not known yet; try again in a moment.');
    const path = objectPath(clusterId, resource, object.metadata.name, object.metadata.namespace);
    return api<KubeObject>(dryRun ? `${path}${path.includes('?') ? '&' : '?'}dryRun=true` : path, {
      method: 'PUT',
      body,
    });
  };

  /** 409: the object changed since `base` was loaded; show what changed. */
  const showConflict = async (base: KubeObject) => {
    if (!resource) return;
    const live = await api<KubeObject>(
      objectPath(clusterId, resource, object.metadata.name, object.metadata.namespace),
    );
    setPreview(null);
    setConflict({
      live,
      diff: unifiedDiff(readableYaml(base), readableYaml(live), 'when you opened the editor', 'live now'),
    });
  };

  const run = async (dryRun: boolean, base = loaded) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const body = updateFromDraft(draft, base);
      const result = await put(body, dryRun);
      if (dryRun) {
        setPreview({ diff: unifiedDiff(readableYaml(base), readableYaml(result), `live ${label}`, `edited ${label}`) });
      } else {
        setEditing(false);
        setPreview(null);
        setDone(
          readableYaml(base) === readableYaml(result)
            ? `${label} unchanged`
            : `${label} updated (version ${result.metadata.resourceVersion ?? '?'})`,
        );
        onApplied();
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.code === 'CONFLICT') {
        try {
          await showConflict(base);
        } catch (again) {
          setError(again);
        }
      } else setError(err instanceof DraftError ? new Error(err.message) : err);
    } finally {
      setBusy(false);
    }
  };

  const startEditing = () => {
    setLoaded(object);
    setDraft(original);
    setEditing(true);
    setPreview(null);
    setConflict(null);
    setDone(null);
    setError(null);
  };

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2">
        {!editing && editable && (
          <Button size="sm" onClick={startEditing}>
            Edit
          </Button>
        )}
        {editing && (
          <>
            <Button size="sm" onClick={() => void run(true)} disabled={busy || !resource}>
              {busy && !preview ? 'Checking…' : 'Review changes (dry run)'}
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setEditing(false);
                setPreview(null);
                setConflict(null);
                setError(null);
              }}
            >
              Cancel
            </Button>
            <span className="text-xs text-muted-foreground">
              Editing version {loaded.metadata.resourceVersion ?? '?'}
            </span>
          </>
        )}
        {!editable && <span className="text-xs text-muted-foreground">Read only: you may not change this object.</span>}
        {done && (
          <span className="text-sm text-success" role="status">
            Applied: {done}
          </span>
        )}
      </div>
      <ErrorAlert error={error} title="The change was not applied" />
      {conflict && (
        <section
          aria-label="Changed since you opened the editor"
          className="grid gap-2 rounded-md border border-warning/60 p-3"
        >
          <h3 className="text-sm font-medium">
            Someone changed this object since you opened the editor (version {loaded.metadata.resourceVersion} →{' '}
            {conflict.live.metadata.resourceVersion}). Nothing was overwritten. Their change:
          </h3>
          <DiffView diff={conflict.diff} />
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              onClick={() => {
                // Review again against the live version: the diff then shows what saving would undo of theirs.
                const live = conflict.live;
                setLoaded(live);
                setConflict(null);
                void run(true, live);
              }}
            >
              Review my edits against the live version
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setConflict(null);
                setEditing(false);
                onApplied();
              }}
            >
              Discard my edits
            </Button>
          </div>
        </section>
      )}
      {preview && (
        <section aria-label="Dry-run result" className="grid gap-2 rounded-md border p-3">
          <h3 className="text-sm font-medium">Server-side dry run of the update</h3>
          <DiffView diff={preview.diff} />
          <div className="flex gap-2">
            <Button size="sm" onClick={() => void run(false)} disabled={busy}>
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
