/**
 * The hook for a per-container shell shortcut. Argus has no terminal route yet: this returns null and the
 * Shell buttons stay hidden. When the terminal exists, return its URL here (the pod's namespace, name and
 * container are all it needs; the terminal checks `pods:exec` itself) and every container card shows one.
 */
export function shellHref(_clusterId: string, _namespace: string, _pod: string, _container: string): string | null {
  return null;
}
