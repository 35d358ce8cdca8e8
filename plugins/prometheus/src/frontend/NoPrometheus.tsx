/**
 * The calm empty state of a cluster without Prometheus: nothing is broken, there is simply nothing to
 * chart yet; says how Argus finds a Prometheus and where to set one.
 */
export function NoPrometheus({ reason, clusterId }: { reason: string; clusterId?: string | undefined }) {
  const settings = clusterId ? `/clusters/${encodeURIComponent(clusterId)}/plugins/prometheus` : undefined;
  return (
    <div
      className="flex flex-col gap-1 rounded-md border border-dashed p-4 text-sm text-muted-foreground"
      data-testid="no-prometheus"
    >
      <p className="font-medium text-foreground">No Prometheus for this cluster yet</p>
      <p>
        Argus looks for the Prometheus operator’s <code>monitoring/prometheus-operated</code> Service, or a Service
        labelled <code>app.kubernetes.io/name=prometheus</code>, and reaches it through the API server’s service proxy.
        Install one (e.g. kube-prometheus-stack), or set its URL
        {settings ? (
          <>
            {' '}
            on the cluster’s{' '}
            <a className="underline underline-offset-2" href={settings}>
              Metrics page
            </a>
          </>
        ) : (
          ' in the Prometheus plugin’s settings'
        )}
        .
      </p>
      <p className="text-xs" title={reason}>
        {reason.replace(/^No Prometheus for this cluster: /, 'Why: ')}
      </p>
    </div>
  );
}
