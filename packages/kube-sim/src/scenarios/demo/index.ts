import { DEFAULT_NOW, ScenarioBuilder } from '../builder.js';
import type { Scenario, ScenarioOptions } from '../types.js';
import { addAnalytics, addPayments } from './apps.js';
import { addCmsAndDefault, addShop } from './apps-shop.js';
import { addCalicoObjects } from './calico.js';
import { addCalicoCrds } from './calico-crds.js';
import { addCephObjects, addCephStorageClasses } from './ceph.js';
import { addCephCrds } from './ceph-crds.js';
import { addClusterRbacAndStorage, addKubeSystem, addNamespaces, addNodes } from './cluster.js';
import { addCnpgObjects } from './cnpg.js';
import { addCnpgCrds } from './cnpg-crds.js';
import { addGatewayApiCrds, addGatewayApiObjects } from './gateway-api.js';
import { addHelmReleases } from './helm.js';
import { addIstioObjects } from './istio.js';
import { addIstioCrds } from './istio-crds.js';
import { addKedaObjects } from './keda.js';
import { addKedaCrds } from './keda-crds.js';
import { addMariadbObjects } from './mariadb.js';
import { addMariadbCrds } from './mariadb-crds.js';
import { addPolicies } from './policy.js';
import { addPrometheusObjects } from './prometheus.js';
import { addPrometheusCrds } from './prometheus-crds.js';
import { addPrometheusExporters } from './prometheus-exporters.js';

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
  addGatewayApiCrds(b);
  addClusterRbacAndStorage(b);
  addCephStorageClasses(b);
  addKubeSystem(b);
  addCalicoObjects(b);
  addCephObjects(b);
  addIstioObjects(b);
  addGatewayApiObjects(b);
  addPayments(b);
  addPolicies(b);
  addAnalytics(b);
  addShop(b);
  addCmsAndDefault(b);
  addCnpgObjects(b);
  addMariadbObjects(b);
  addKedaObjects(b);
  addPrometheusObjects(b);
  addPrometheusExporters(b);
  addHelmReleases(b);
  return b.build();
}
