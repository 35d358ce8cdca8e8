import { DEFAULT_NOW, ScenarioBuilder } from '../builder.js';
import type { Scenario, ScenarioOptions } from '../types.js';
import { addAnalytics, addCmsAndDefault, addPayments, addShop } from './apps.js';
import { addCalicoCrds, addCalicoObjects } from './calico.js';
import { addCephCrds, addCephObjects, addCephStorageClasses } from './ceph.js';
import { addClusterRbacAndStorage, addKubeSystem, addNamespaces, addNodes } from './cluster.js';
import { addCnpgCrds, addCnpgObjects } from './cnpg.js';
import { addHelmReleases } from './helm.js';
import { addIstioCrds, addIstioObjects } from './istio.js';
import { addKedaCrds, addKedaObjects } from './keda.js';
import { addMariadbCrds, addMariadbObjects } from './mariadb.js';
import { addPrometheusCrds, addPrometheusObjects } from './prometheus.js';

/**
 * A small production-looking cluster (3 nodes) running the eight plugins' operators with the
 * example objects of shared/reference/operators.md (healthy, degraded and failed ones), the core
 * objects those operators create, and Helm releases. Deterministic for a given seed and `now`.
 */
export function buildDemoScenario(opts: ScenarioOptions = {}): Scenario {
  const b = new ScenarioBuilder(opts.seed ?? 1, opts.now ?? DEFAULT_NOW);
  addNodes(b);
  addNamespaces(b);
  addIstioCrds(b);
  addPrometheusCrds(b);
  addCalicoCrds(b);
  addCnpgCrds(b);
  addMariadbCrds(b);
  addKedaCrds(b);
  addCephCrds(b);
  addClusterRbacAndStorage(b);
  addCephStorageClasses(b);
  addKubeSystem(b);
  addCalicoObjects(b);
  addCephObjects(b);
  addIstioObjects(b);
  addPayments(b);
  addAnalytics(b);
  addShop(b);
  addCmsAndDefault(b);
  addCnpgObjects(b);
  addMariadbObjects(b);
  addKedaObjects(b);
  addPrometheusObjects(b);
  addHelmReleases(b);
  return b.build();
}
