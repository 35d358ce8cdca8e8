/**
 * The per-container shell shortcut: the terminal page (`/terminal/exec`) for one container of a pod. The
 * caller shows it only to users with `pods:exec` in the pod's namespace; the terminal checks it again.
 */
export function shellHref(clusterId: string, namespace: string, pod: string, container: string): string | null {
  const q = new URLSearchParams({ cluster: clusterId, namespace, pod, container });
  return `/terminal/exec?${q}`;
}

/** The terminal for a workload: pick one of the pods its selector matches. */
export function workloadShellHref(
  clusterId: string,
  namespace: string,
  kind: string,
  name: string,
  selector: string,
): string {
  const q = new URLSearchParams({ cluster: clusterId, namespace, selector, workload: `${kind}/${name}` });
  return `/terminal/exec?${q}`;
}
