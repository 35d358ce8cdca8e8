'use client';
import { SecretData } from '@/components/SecretData';
import type { KindDetailsProps } from '../KindDetails';
import { Fields, Section } from '../shared';

/** A Secret: its type and keys with sizes; values masked, revealed one at a time with secrets:read. */
export function SecretDetails({ object, can }: KindDetailsProps) {
  // Without secrets:read the server sends data_keys (keys and sizes) instead of data.
  const canReveal = can('secrets', 'read') && object.data_keys === undefined;
  const keys = object.data_keys?.length ?? Object.keys(object.data ?? {}).length;
  return (
    <div className="grid gap-6">
      <Section title="Secret">
        <Fields rows={{ Type: object.type ?? 'Opaque', Keys: String(keys) }} />
      </Section>
      <Section title="Data">
        <SecretData data={object.data ?? {}} dataKeys={object.data_keys} canReveal={canReveal} />
      </Section>
    </div>
  );
}
