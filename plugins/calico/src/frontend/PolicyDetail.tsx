/** One policy: health, where it sits (tier, order), its selector and rules, actions (enforce a staged one), YAML. */
import { objectHref, type PluginPageProps, useArgusHost } from '@argus/plugin-sdk/frontend';
import {
  Alert,
  Button,
  HealthBadge,
  Skeleton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  YamlView,
} from '@argus/ui';
import { ActionButtons } from './ActionButtons';
import { CALICO, type Detail } from './types';
import { useCalicoData } from './use-calico';

interface Rule {
  action?: string;
  protocol?: string;
  source?: Record<string, unknown>;
  destination?: Record<string, unknown>;
}

const entity = (e: Record<string, unknown> | undefined) =>
  e
    ? Object.entries(e)
        .map(
          ([k, v]) =>
            `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
        )
        .join('; ')
    : 'any';

function Rules({ title, rules }: { title: string; rules: Rule[] }) {
  if (!rules.length) return null;
  return (
    <section className="grid gap-1">
      <h3 className="text-sm font-medium">{title}</h3>
      <Table aria-label={title}>
        <TableHeader>
          <TableRow>
            <TableHead className="w-10">#</TableHead>
            <TableHead>Action</TableHead>
            <TableHead>Protocol</TableHead>
            <TableHead>Source</TableHead>
            <TableHead>Destination</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rules.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rules are ordered and have no identity
            <TableRow key={i}>
              <TableCell className="tabular-nums">{i + 1}</TableCell>
              <TableCell>{r.action ?? '—'}</TableCell>
              <TableCell>{r.protocol ?? 'any'}</TableCell>
              <TableCell className="font-mono text-xs">{entity(r.source)}</TableCell>
              <TableCell className="font-mono text-xs">{entity(r.destination)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

export function PolicyDetail({
  api,
  clusterId,
  navigate,
  plural,
  namespace,
  name,
}: PluginPageProps & { plural: string; namespace: string | undefined; name: string }) {
  const { Link } = useArgusHost();
  const kube = plural === 'kubernetesnetworkpolicies';
  const detail = useCalicoData<Detail>(
    api,
    kube ? '/tiers' : `/resources/${plural}/${encodeURIComponent(name)}`,
    { namespace },
    { cluster: clusterId, ...CALICO, resource: kube ? 'networkpolicies' : plural, ...(namespace ? { namespace } : {}) },
  );
  const back = (
    <Button variant="link" size="sm" className="px-0" onClick={() => navigate('/policies')}>
      ← All tiers
    </Button>
  );
  if (kube) {
    const href = objectHref(
      clusterId,
      { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies' },
      name,
      namespace,
    );
    return (
      <div className="grid gap-2">
        {back}
        <p className="text-sm">
          Kubernetes NetworkPolicy {namespace}/{name}: Calico evaluates it as <code>knp.default.{name}</code> in the
          default tier at order 1000. <Link href={href}>Open it</Link>.
        </p>
      </div>
    );
  }
  if (detail.error) return <Alert variant="destructive">{detail.error}</Alert>;
  if (!detail.data) return <Skeleton className="h-48 w-full" />;
  const o = detail.data;
  const s = o.summary as {
    tier?: string;
    order?: number | null;
    selector?: string;
    types?: string[];
    selected?: number | null;
  };
  return (
    <div className="grid gap-4 overflow-auto">
      {back}
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">
          {o.kind} {namespace ? `${namespace}/` : ''}
          {name}
        </h2>
        <HealthBadge health={o.health} />
        <ActionButtons
          api={api}
          plural={plural}
          namespace={namespace}
          name={name}
          actions={o.actions}
          onDone={() => navigate(plural.startsWith('staged') ? '/policies' : '/staged')}
        />
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted-foreground">Tier</dt>
        <dd>{s.tier}</dd>
        <dt className="text-muted-foreground">Order</dt>
        <dd>{s.order ?? 'unset (evaluated last in its tier)'}</dd>
        <dt className="text-muted-foreground">Selector</dt>
        <dd>
          <code>{s.selector}</code>
        </dd>
        <dt className="text-muted-foreground">Types</dt>
        <dd>{s.types?.join(', ')}</dd>
        <dt className="text-muted-foreground">Selects</dt>
        <dd>{s.selected ?? '—'} endpoints</dd>
        {o.spec?.stagedAction && (
          <>
            <dt className="text-muted-foreground">Staged action</dt>
            <dd>{o.spec.stagedAction}</dd>
          </>
        )}
      </dl>
      <Rules title="Ingress rules" rules={(o.spec?.ingress as Rule[] | undefined) ?? []} />
      <Rules title="Egress rules" rules={(o.spec?.egress as Rule[] | undefined) ?? []} />
      <YamlView value={o} label={`${o.kind} ${name}`} />
    </div>
  );
}
