/**
 * Install a chart (no `release`) or upgrade a release: an uploaded .tgz (sent base64 in JSON) or a chart
 * repository URL + chart + version, and values as YAML. helm runs on the server as the signed-in user.
 */

import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { Alert, Button, Input, Label, Textarea } from '@argus/ui';
import { type FormEvent, useState } from 'react';
import { errorText, type ReleaseDetail, releasePath } from './types';

async function base64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ChartForm({
  api,
  navigate,
  release,
}: PluginPageProps & { release?: { namespace: string; name: string } }) {
  const [source, setSource] = useState<'upload' | 'repo'>('upload');
  const [file, setFile] = useState<File>();
  const [form, setForm] = useState({
    name: '',
    namespace: 'default',
    repo_url: '',
    chart: '',
    version: '',
    values: '',
  });
  const [reuse, setReuse] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const chart =
        source === 'upload'
          ? { chart_archive: file ? await base64(file) : '' }
          : { repo_url: form.repo_url, chart: form.chart, ...(form.version ? { version: form.version } : {}) };
      const values = form.values.trim() ? { values: form.values } : {};
      const done = release
        ? await api.post<ReleaseDetail>(`${releasePath(release)}/upgrade`, { ...chart, ...values, reuse_values: reuse })
        : await api.post<ReleaseDetail>('/releases', {
            name: form.name,
            namespace: form.namespace,
            ...chart,
            ...values,
          });
      navigate(`${releasePath(done)}?tab=history`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="max-w-2xl space-y-4">
      <h2 className="text-lg font-semibold">{release ? `Upgrade ${release.name}` : 'Install a chart'}</h2>
      {!release && (
        <div className="grid grid-cols-2 gap-3">
          <div className="space-y-1">
            <Label htmlFor="helm-name">Release name</Label>
            <Input id="helm-name" required {...field('name')} />
          </div>
          <div className="space-y-1">
            <Label htmlFor="helm-namespace">Namespace</Label>
            <Input id="helm-namespace" required {...field('namespace')} />
          </div>
        </div>
      )}
      <div className="flex gap-2">
        <Button
          type="button"
          size="sm"
          variant={source === 'upload' ? 'default' : 'outline'}
          onClick={() => setSource('upload')}
        >
          Upload chart (.tgz)
        </Button>
        <Button
          type="button"
          size="sm"
          variant={source === 'repo' ? 'default' : 'outline'}
          onClick={() => setSource('repo')}
        >
          From a chart repository
        </Button>
      </div>
      {source === 'upload' ? (
        <div className="space-y-1">
          <Label htmlFor="helm-archive">Chart archive</Label>
          <Input
            id="helm-archive"
            type="file"
            accept=".tgz,application/gzip"
            required
            onChange={(e) => setFile(e.target.files?.[0])}
          />
        </div>
      ) : (
        <div className="grid grid-cols-3 gap-3">
          <div className="col-span-3 space-y-1">
            <Label htmlFor="helm-repo">Repository URL</Label>
            <Input id="helm-repo" type="url" required placeholder="https://charts.example.com" {...field('repo_url')} />
          </div>
          <div className="col-span-2 space-y-1">
            <Label htmlFor="helm-chart">Chart</Label>
            <Input id="helm-chart" required {...field('chart')} />
          </div>
          <div className="space-y-1">
            <Label htmlFor="helm-version">Version</Label>
            <Input id="helm-version" placeholder="latest" {...field('version')} />
          </div>
        </div>
      )}
      <div className="space-y-1">
        <Label htmlFor="helm-values">Values (YAML)</Label>
        <Textarea id="helm-values" rows={10} className="font-mono text-xs" {...field('values')} />
      </div>
      {release && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={reuse} onChange={(e) => setReuse(e.target.checked)} />
          Keep the current values (helm --reuse-values)
        </label>
      )}
      {error && <Alert variant="destructive">{error}</Alert>}
      <Button type="submit" disabled={busy}>
        {busy ? 'Running helm…' : release ? 'Upgrade' : 'Install'}
      </Button>
    </form>
  );
}
