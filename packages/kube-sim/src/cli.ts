/** kube-sim --port P --scenario demo|empty|scale [--pods N] [--related] [--seed S] [--churn R] --kubeconfig-out FILE [--tls] */
import { parseArgs } from 'node:util';
import { type KubeSimOptions, startKubeSim } from './index.js';

const USAGE = `usage: kube-sim [--port 6443] [--host 127.0.0.1] [--scenario demo|empty|scale] [--pods N] [--related] [--seed S]
                [--churn PER_SECOND] [--kubeconfig-out FILE] [--readonly-kubeconfig-out FILE] [--tls] [--no-controllers]`;

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '6443' },
      host: { type: 'string', default: '127.0.0.1' },
      scenario: { type: 'string', default: 'demo' },
      pods: { type: 'string' },
      related: { type: 'boolean', default: false },
      seed: { type: 'string' },
      churn: { type: 'string' },
      'kubeconfig-out': { type: 'string' },
      'readonly-kubeconfig-out': { type: 'string' },
      tls: { type: 'boolean', default: false },
      'no-controllers': { type: 'boolean', default: false },
      'admin-token': { type: 'string' },
      'readonly-token': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const scenario = values.scenario;
  if (scenario !== 'demo' && scenario !== 'empty' && scenario !== 'scale')
    throw new Error(`unknown scenario "${String(scenario)}"\n${USAGE}`);
  const opts: KubeSimOptions = {
    port: Number(values.port),
    host: values.host,
    scenario,
    tls: values.tls,
    controllers: !values['no-controllers'],
  };
  if (values.pods) opts.pods = Number(values.pods);
  if (values.related) opts.related = true;
  if (values.seed) opts.seed = Number(values.seed);
  if (values.churn) opts.churnPerSecond = Number(values.churn);
  const tokens: { admin?: string; readonly?: string } = {};
  if (values['admin-token']) tokens.admin = values['admin-token'];
  if (values['readonly-token']) tokens.readonly = values['readonly-token'];
  opts.tokens = tokens;
  const started = Date.now();
  const sim = await startKubeSim(opts);
  if (values['kubeconfig-out']) sim.writeKubeconfig(values['kubeconfig-out']);
  if (values['readonly-kubeconfig-out'])
    sim.writeKubeconfig(values['readonly-kubeconfig-out'], { token: 'readonly', name: 'kube-sim-readonly' });
  console.log(
    `kube-sim serving ${scenario} (${sim.store.count()} objects) at ${sim.url} in ${Date.now() - started} ms`,
  );
  if (values['kubeconfig-out']) console.log(`kubeconfig written to ${values['kubeconfig-out']}`);
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
