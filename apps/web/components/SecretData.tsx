'use client';
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

/** Secret values masked until revealed, one key at a time. */
export function SecretData({ data, canReveal }: { data: Record<string, string>; canReveal: boolean }) {
  const [shown, setShown] = useState<Record<string, boolean>>({});
  const keys = Object.keys(data);
  if (keys.length === 0) return <p className="text-sm text-muted-foreground">No data.</p>;
  return (
    <dl className="grid gap-2 text-sm">
      {keys.map((k) => (
        <div key={k} className="grid grid-cols-[12rem_1fr_auto] items-start gap-2">
          <dt className="truncate font-medium">{k}</dt>
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
