/** The values tab (user-supplied or computed) and the manifest tab (any revision). */

import { type PluginPageProps, usePluginData } from '@argus/plugin-sdk/frontend';
import { Alert, Button, Input, Label, YamlView } from '@argus/ui';
import { useState } from 'react';
import { stringify } from 'yaml';
import { releasePath } from './types';

type Props = PluginPageProps & { namespace: string; name: string };

/** YAML in the shared read-only view (highlighted, searchable with Ctrl+F). */
function Code({ text, error, label }: { text: string | undefined; error: string | undefined; label: string }) {
  if (error) return <Alert variant="destructive">{error}</Alert>;
  if (text === undefined) return <p className="text-sm text-muted-foreground">Loading…</p>;
  return <YamlView value={text} label={label} />;
}

export function ValuesTab({ api, namespace, name }: Props) {
  const [all, setAll] = useState(false);
  const path = `${releasePath({ namespace, name })}/values`;
  const values = usePluginData(`${path}:${all}`, () =>
    api.get<{ values: Record<string, unknown> }>(path, all ? { all: 'true' } : undefined),
  );
  return (
    <div className="space-y-2">
      <div className="flex gap-2">
        <Button size="sm" variant={all ? 'outline' : 'default'} onClick={() => setAll(false)}>
          User-supplied
        </Button>
        <Button size="sm" variant={all ? 'default' : 'outline'} onClick={() => setAll(true)}>
          Computed
        </Button>
      </div>
      <Code
        text={values.data && stringify(values.data.values ?? {}, { lineWidth: 0 })}
        error={values.error}
        label={all ? 'Computed values' : 'User-supplied values'}
      />
    </div>
  );
}

export function ManifestTab({ api, namespace, name, latest }: Props & { latest: number }) {
  const [revision, setRevision] = useState(latest);
  const path = `${releasePath({ namespace, name })}/manifest`;
  const manifest = usePluginData(`${path}:${revision}`, () =>
    api.get<{ manifest: string }>(path, { revision: String(revision) }),
  );
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-2">
        <Label htmlFor="helm-manifest-revision">Revision</Label>
        <Input
          id="helm-manifest-revision"
          type="number"
          min={1}
          max={latest}
          value={revision}
          onChange={(e) => setRevision(Number(e.target.value) || latest)}
          className="w-24"
        />
      </div>
      <Code text={manifest.data?.manifest} error={manifest.error} label={`Manifest of revision ${revision}`} />
    </div>
  );
}
