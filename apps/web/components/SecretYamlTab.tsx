'use client';
import { Button } from '@argus/ui';
import { EyeIcon, EyeOffIcon } from 'lucide-react';
import { useState } from 'react';
import type { KubeObject } from '@/lib/kube';
import { maskSecret } from '@/lib/secret-mask';
import { VALUES_HIDDEN } from './SecretData';
import { YamlTab } from './YamlTab';

/**
 * A Secret's YAML with `data`/`stringData` masked until revealed by a user allowed to. Editing needs the
 * real values (a masked value would be applied as is), so it is offered only once revealed. A Secret
 * served without values (`data_keys`, no secrets:read) shows its keys and sizes and cannot be edited here.
 */
export function SecretYamlTab({
  clusterId,
  object,
  canReveal,
  canEdit,
  onApplied,
}: {
  clusterId: string;
  object: KubeObject;
  canReveal: boolean;
  canEdit: boolean;
  onApplied: () => void;
}) {
  const [revealed, setRevealed] = useState(false);
  const hidden = object.data_keys !== undefined;
  const shown = canReveal && !hidden && revealed;
  return (
    <div className="grid gap-3">
      {hidden && <p className="text-sm text-muted-foreground">{VALUES_HIDDEN}</p>}
      {canReveal && !hidden && (
        <div>
          <Button variant="outline" size="sm" onClick={() => setRevealed((v) => !v)}>
            {shown ? <EyeOffIcon aria-hidden="true" /> : <EyeIcon aria-hidden="true" />}
            {shown ? 'Hide values' : 'Reveal values'}
          </Button>
        </div>
      )}
      <YamlTab
        key={shown ? 'revealed' : 'masked'}
        clusterId={clusterId}
        object={shown ? object : maskSecret(object)}
        canEdit={canEdit && shown}
        onApplied={onApplied}
      />
    </div>
  );
}
