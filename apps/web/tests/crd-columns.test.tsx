// @vitest-environment node
// Custom resources in the UI: the sidebar's grouping (each kind once, in its preferred version) and how
// CRD columns show (dates as ages). The columns' values against the real kubectl: apps/server's
// printer-columns.test.ts and e2e/crd-columns.e2e.test.ts.
import type { PrinterColumn } from '@argus/contracts';
import { describe, expect, it } from 'vitest';
import { customGroups, filterCustomGroups } from '@/components/crd/custom-groups';
import { crdColumns, hasOwnAge, printerText, visiblePrinterColumns } from '@/components/crd/printer-columns';
import type { ApiResource } from '@/lib/resources';

const col = (name: string, type: PrinterColumn['type'], json_path: string, priority = 0): PrinterColumn => ({
  name,
  type,
  json_path,
  priority,
});

describe('CRD columns', () => {
  it('shows dates as ages, nothing as empty, and adds Age unless the CRD has its own', () => {
    const now = Date.parse('2026-01-10T00:00:00Z');
    expect(printerText(col('Created', 'date', '.x'), '2026-01-07T00:00:00Z', now)).toBe('3d');
    expect(printerText(col('Created', 'date', '.x'), '<invalid>', now)).toBe('<invalid>');
    expect(printerText(col('Min', 'integer', '.x'), 1, now)).toBe('1');
    expect(printerText(col('Min', 'integer', '.x'), null, now)).toBe('');
    const cols = [col('Min', 'integer', '.spec.min'), col('Detail', 'string', '.status.detail', 1)];
    expect(visiblePrinterColumns(cols, false).map((c) => c.name)).toEqual(['Min']);
    expect(visiblePrinterColumns(cols, true).map((c) => c.name)).toEqual(['Min', 'Detail']);
    expect(crdColumns(cols, { namespaced: true, wide: false }).map((c) => c.header)).toEqual([
      'Name',
      'Namespace',
      'Min',
      'Age',
    ]);
    const own = [col('Age', 'date', '.metadata.creationTimestamp')];
    expect(hasOwnAge(own)).toBe(true);
    expect(crdColumns(own, { namespaced: false, wide: false }).map((c) => c.header)).toEqual(['Name', 'Age']);
  });
});

describe('sidebar custom resources', () => {
  it('groups custom kinds by API group, each once in its preferred version, and filters them', () => {
    const r = (group: string, version: string, resource: string, kind: string, preferred: boolean): ApiResource => ({
      group,
      version,
      resource,
      kind,
      namespaced: true,
      verbs: ['list'],
      preferred,
      shortNames: resource === 'scaledobjects' ? ['so'] : [],
    });
    const groups = customGroups([
      r('networking.istio.io', 'v1', 'virtualservices', 'VirtualService', true),
      r('networking.istio.io', 'v1beta1', 'virtualservices', 'VirtualService', false),
      r('networking.istio.io', 'v1alpha3', 'virtualservices', 'VirtualService', false),
      r('networking.istio.io', 'v1alpha3', 'envoyfilters', 'EnvoyFilter', false),
      r('keda.sh', 'v1alpha1', 'scaledobjects', 'ScaledObject', true),
    ]);
    expect(groups.map((g) => [g.group, g.kinds.map((k) => `${k.kind}@${k.version}`)])).toEqual([
      ['keda.sh', ['ScaledObject@v1alpha1']],
      ['networking.istio.io', ['EnvoyFilter@v1alpha3', 'VirtualService@v1']],
    ]);
    expect(filterCustomGroups(groups, 'scaled').map((g) => g.group)).toEqual(['keda.sh']);
    expect(filterCustomGroups(groups, 'so').map((g) => g.group)).toEqual(['keda.sh']);
    expect(filterCustomGroups(groups, 'istio')[0]?.kinds).toHaveLength(2);
    expect(filterCustomGroups(groups, 'nothing-like-this')).toEqual([]);
  });
});
