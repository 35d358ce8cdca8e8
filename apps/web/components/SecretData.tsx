'use client';
import type { SecretDataKey } from '@argus/contracts';
import { Button } from '@argus/ui';
import { EyeIcon, EyeOffIcon } from 'lucide-react';
import { useState } from 'react';

function decode(b64: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
  } catch {
    return b64;
  }
}

/** The decoded size of a base64 value, without decoding it. */
function sizeOf(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - pad);
}

export const VALUES_HIDDEN = 'Values hidden: you need secrets:read.';

/** A Secret served without values (the user lacks secrets:read): each key and its size. */
function SecretKeys({ keys }: { keys: SecretDataKey[] }) {
  return (
    <div className="grid gap-2 text-sm">
      <p className="text-muted-foreground">{VALUES_HIDDEN}</p>
      {keys.length === 0 ? (
        <p className="text-muted-foreground">No data.</p>
      ) : (
        <dl className="grid gap-2">
          {keys.map((k) => (
            <div key={k.key} className="grid grid-cols-[12rem_1fr] items-start gap-2">
              <dt className="truncate font-medium">{k.key}</dt>
              <dd className="text-xs text-muted-foreground" data-testid={`secret-${k.key}`}>
                {k.size} {k.size === 1 ? 'byte' : 'bytes'}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

/** Secret values masked until revealed, one key at a time; only keys and sizes when served without values. */
export function SecretData({
  data,
  dataKeys,
  canReveal,
}: {
  data: Record<string, string>;
  dataKeys?: SecretDataKey[] | undefined;
  canReveal: boolean;
}) {
  const [shown, setShown] = useState<Record<string, boolean>>({});
  if (dataKeys) return <SecretKeys keys={dataKeys} />;
  const keys = Object.keys(data);
  if (keys.length === 0) return <p className="text-sm text-muted-foreground">No data.</p>;
  return (
    <dl className="grid gap-2 text-sm">
      {keys.map((k) => (
        <div key={k} className="grid grid-cols-[12rem_6rem_1fr_auto] items-start gap-2">
          <dt className="truncate font-medium">{k}</dt>
          <dd className="text-xs text-muted-foreground" data-testid={`secret-size-${k}`}>
            {sizeOf(data[k] ?? '')} {sizeOf(data[k] ?? '') === 1 ? 'byte' : 'bytes'}
          </dd>
          <dd className="break-all font-mono text-xs" data-testid={`secret-${k}`}>
            {shown[k] ? decode(data[k] ?? '') : '••••••••'}
          </dd>
          {canReveal && (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => setShown((s) => ({ ...s, [k]: !s[k] }))}
              aria-label={`${shown[k] ? 'Hide' : 'Reveal'} ${k}`}
            >
              {shown[k] ? <EyeOffIcon aria-hidden="true" /> : <EyeIcon aria-hidden="true" />}
            </Button>
          )}
        </div>
      ))}
    </dl>
  );
}
