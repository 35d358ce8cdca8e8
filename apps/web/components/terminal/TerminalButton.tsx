'use client';
import { Button } from '@argus/ui';
import { TerminalIcon } from 'lucide-react';
import Link from 'next/link';
import type { KubeObject } from '@/lib/kube';

/** `app=web,tier=front` from a workload's `spec.selector.matchLabels` (undefined without one). */
export function matchLabelsSelector(object: KubeObject): string | undefined {
  const spec = (object as { spec?: { selector?: { matchLabels?: Record<string, string> } } }).spec;
  const labels = spec?.selector?.matchLabels;
  if (!labels || Object.keys(labels).length === 0) return undefined;
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/**
 * "Terminal" on a pod (its default container) or a workload (one of the pods its selector matches). The
 * caller shows it only with `pods:exec` in the namespace.
 */
export function TerminalButton({
  clusterId,
  namespace,
  object,
  kind,
}: {
  clusterId: string;
  namespace: string;
  object: KubeObject;
  kind: 'pod' | 'workload';
}) {
  const name = object.metadata.name ?? '';
  const q = new URLSearchParams({ cluster: clusterId, namespace });
  if (kind === 'pod') q.set('pod', name);
  else {
    const selector = matchLabelsSelector(object);
    if (!selector) return null;
    q.set('selector', selector);
    q.set('workload', name);
  }
  return (
    <Button variant="outline" size="sm" asChild>
      <Link href={`/terminal/exec?${q}`} aria-label={`Terminal in ${name}`}>
        <TerminalIcon aria-hidden="true" /> Terminal
      </Link>
    </Button>
  );
}
