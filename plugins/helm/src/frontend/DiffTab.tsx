/** The unified diff of manifests and values between two chosen revisions. */

import { type PluginPageProps, usePluginData } from '@argus/plugin-sdk/frontend';
import { Alert, Input, Label } from '@argus/ui';
import { useState } from 'react';
import { type RevisionDiff, releasePath } from './types';

function lineClass(line: string): string {
  if (line.startsWith('+') && !line.startsWith('+++')) return 'text-success';
  if (line.startsWith('-') && !line.startsWith('---')) return 'text-destructive';
  if (line.startsWith('@@')) return 'text-muted-foreground';
  return '';
}

function Unified({ title, text }: { title: string; text: string }) {
  return (
    <section className="space-y-1">
      <h3 className="text-sm font-medium">{title}</h3>
      {text ? (
        <pre className="max-h-[60vh] overflow-auto rounded-md border bg-muted p-3 text-xs">
          {text.split('\n').map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text
            <div key={i} className={lineClass(line)}>
              {line || ' '}
            </div>
          ))}
        </pre>
      ) : (
        <p className="text-sm text-muted-foreground">No difference.</p>
      )}
    </section>
  );
}

export function DiffTab({
  api,
  namespace,
  name,
  latest,
}: PluginPageProps & { namespace: string; name: string; latest: number }) {
  const [from, setFrom] = useState(Math.max(1, latest - 1));
  const [to, setTo] = useState(latest);
  const path = `${releasePath({ namespace, name })}/diff`;
  const diff = usePluginData(`${path}:${from}:${to}`, () =>
    api.get<RevisionDiff>(path, { from: String(from), to: String(to) }),
  );
  const pick = (id: string, label: string, value: number, set: (n: number) => void) => (
    <>
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        type="number"
        min={1}
        max={latest}
        value={value}
        className="w-24"
        onChange={(e) => set(Number(e.target.value) || 1)}
      />
    </>
  );
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-2">
        {pick('helm-diff-from', 'From revision', from, setFrom)}
        {pick('helm-diff-to', 'to', to, setTo)}
      </div>
      {diff.error && <Alert variant="destructive">{diff.error}</Alert>}
      {diff.data && (
        <>
          <p className="text-sm text-muted-foreground">
            Chart {diff.data.chart.from} → {diff.data.chart.to}
          </p>
          <Unified title="Manifest" text={diff.data.manifest} />
          <Unified title="User-supplied values" text={diff.data.values} />
          <Unified title="Computed values" text={diff.data.computed_values} />
        </>
      )}
    </div>
  );
}
