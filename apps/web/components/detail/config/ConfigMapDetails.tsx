'use client';
import { Button, YamlView } from '@argus/ui';
import { useState } from 'react';
import type { KindDetailsProps } from '../KindDetails';
import { MUTED, rec, Section } from '../shared';

/** How a value is best shown: YAML/JSON in the highlighted viewer, anything else as text. */
export function valueFormat(key: string, value: string): 'json' | 'yaml' | 'text' {
  if (/\.json$/i.test(key)) return 'json';
  if (/\.ya?ml$/i.test(key)) return 'yaml';
  const t = value.trim();
  if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
    try {
      JSON.parse(t);
      return 'json';
    } catch {
      return 'text';
    }
  }
  return 'text';
}

function pretty(value: string, format: 'json' | 'yaml' | 'text'): string {
  if (format !== 'json') return value;
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}

/** The viewer's height for a value's length (Tailwind needs whole class names). */
const heightOf = (text: string) => {
  const n = text.split('\n').length;
  return n <= 6 ? 'h-40 min-h-0' : n <= 12 ? 'h-64 min-h-0' : 'h-96 min-h-0';
};

function Entry({ k, value }: { k: string; value: string }) {
  const format = valueFormat(k, value);
  const lines = value.split('\n').length;
  const [open, setOpen] = useState(lines <= 40);
  return (
    <div className="grid gap-1" role="group" aria-label={k}>
      <div className="flex items-center gap-2 text-sm">
        <span className="font-medium font-mono">{k}</span>
        <span className={`text-xs ${MUTED}`}>
          {format !== 'text' ? `${format.toUpperCase()} · ` : ''}
          {new TextEncoder().encode(value).length} bytes
        </span>
        {lines > 40 && (
          <Button variant="ghost" size="sm" onClick={() => setOpen((o) => !o)}>
            {open ? 'Collapse' : `Show ${lines} lines`}
          </Button>
        )}
      </div>
      {open &&
        (format === 'text' ? (
          <pre className="max-h-96 overflow-auto rounded bg-muted/40 p-2 text-xs">{value}</pre>
        ) : (
          <YamlView
            value={pretty(value, format)}
            label={`${k} (${format})`}
            className={heightOf(pretty(value, format))}
          />
        ))}
    </div>
  );
}

/** A ConfigMap's data, YAML and JSON values highlighted; binary keys listed with their size. */
export function ConfigMapDetails({ object }: KindDetailsProps) {
  const data = (object.data ?? {}) as Record<string, string>;
  const binary = rec(object.binaryData);
  const keys = Object.keys(data).sort();
  return (
    <Section title="Data">
      {keys.length === 0 && Object.keys(binary).length === 0 && <p className={`text-sm ${MUTED}`}>No data.</p>}
      <div className="grid gap-4">
        {keys.map((k) => (
          <Entry key={k} k={k} value={data[k] ?? ''} />
        ))}
        {Object.entries(binary).map(([k, v]) => (
          <p key={k} className="text-sm">
            <span className="font-mono font-medium">{k}</span>{' '}
            <span className={MUTED}>binary, {Math.floor((String(v).length * 3) / 4)} bytes</span>
          </p>
        ))}
      </div>
    </Section>
  );
}
