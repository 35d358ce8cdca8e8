/** The values tab (user-supplied or computed) and the manifest tab (any revision). */

import { type PluginPageProps, usePluginData } from '@argus/plugin-sdk/frontend';
import { Alert, Button, Input, Label } from '@argus/ui';
import { useState } from 'react';
import { releasePath } from './types';

type Props = PluginPageProps & { namespace: string; name: string };

function Code({ text, error }: { text: string | undefined; error: string | undefined }) {
  if (error) return <Alert variant="destructive">{error}</Alert>;
  return <pre className="max-h-[70vh] overflow-auto rounded-md border bg-muted p-3 text-xs">{text ?? 'Loading…'}</pre>;
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
      <Code text={values.data && JSON.stringify(values.data.values, null, 2)} error={values.error} />
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
      <Code text={manifest.data?.manifest} error={manifest.error} />
    </div>
  );
}
