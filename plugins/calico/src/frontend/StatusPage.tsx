/** The Tigera operator's components (TigeraStatus: Available / Progressing / Degraded) and Felix's configuration. */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { Card, CardContent, CardHeader, CardTitle, ConditionsTable, conditionsOf, HealthBadge } from '@argus/ui';
import { PageShell } from './CalicoNav';
import { type Columns, textColumn } from './columns';
import { KindList, nameColumns, useKind } from './KindList';
import type { Item } from './types';

type Felix = Item<{ bpfEnabled: boolean; logSeverityScreen: string }>;
const FELIX_COLUMNS: Columns<Felix> = [
  ...nameColumns<Felix>(false),
  textColumn<Felix>('dataplane', 'Data plane', (o) => (o.summary.bpfEnabled ? 'eBPF' : 'iptables/nftables'), '10rem'),
  textColumn<Felix>('log', 'Log level', (o) => o.summary.logSeverityScreen, '8rem'),
];

export default function StatusPage({ api, clusterId, navigate }: PluginPageProps) {
  const tigera = useKind(api, clusterId, 'tigerastatuses', { group: 'operator.tigera.io', version: 'v1' });
  const felix = useKind<Felix['summary']>(api, clusterId, 'felixconfigurations');
  return (
    <PageShell current="/status" navigate={navigate}>
      <div className="grid gap-4 overflow-auto">
        <section className="grid gap-2">
          <h2 className="text-base font-medium">Components (TigeraStatus)</h2>
          <div className="grid gap-3 md:grid-cols-2">
            {tigera.data?.items.map((t) => (
              <Card key={t.metadata.name} data-component={t.metadata.name}>
                <CardHeader>
                  <CardTitle className="flex items-center gap-2 text-base">
                    {t.metadata.name} <HealthBadge health={t.health} />
                  </CardTitle>
                </CardHeader>
                <CardContent>
                  <ConditionsTable conditions={conditionsOf(t)} />
                </CardContent>
              </Card>
            ))}
          </div>
        </section>
        <KindList
          label="Felix configuration"
          data={felix}
          columns={FELIX_COLUMNS}
          emptyText="No FelixConfiguration: defaults apply."
        />
      </div>
    </PageShell>
  );
}
