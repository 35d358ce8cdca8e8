import { describe, expect, it } from 'vitest';
import { compileJsonPath, jsonPathValues, type PrinterColumnType, printerCell } from './printer-columns.js';

const o = {
  metadata: { name: 'x', labels: { 'app.kubernetes.io/name': 'web' } },
  spec: { replicas: 3, ratio: 0.5, on: true, ports: [{ port: 80 }, { port: 443 }] },
  status: {
    conditions: [
      { type: 'Ready', status: 'True', n: 2 },
      { type: 'Synced', status: 'False', n: 5 },
    ],
  },
};

describe('kubectl JSONPath subset', () => {
  it('fields, quoted keys, indexes, slices, wildcards, recursive descent and filters', () => {
    expect(jsonPathValues(o, '.status.conditions[?(@.type=="Ready")].status')).toEqual(['True']);
    expect(jsonPathValues(o, "{.status.conditions[?(@.type!='Ready')].type}")).toEqual(['Synced']);
    expect(jsonPathValues(o, '.status.conditions[?(@.n > 3)].type')).toEqual(['Synced']);
    expect(jsonPathValues(o, '.status.conditions[?(@.missing)].type')).toEqual([]);
    expect(jsonPathValues(o, ".metadata.labels['app.kubernetes.io/name']")).toEqual(['web']);
    expect(jsonPathValues(o, '.spec.ports[-1].port')).toEqual([443]);
    expect(jsonPathValues(o, '.spec.ports[*].port')).toEqual([80, 443]);
    expect(jsonPathValues(o, '.spec.ports[0:1].port')).toEqual([80]);
    expect(jsonPathValues(o, '..port')).toEqual([80, 443]);
    expect(jsonPathValues(o, '.metadata.*')).toHaveLength(2);
    expect(jsonPathValues(o, '.spec.missing.deeper')).toEqual([]);
    expect(jsonPathValues(o, '.spec.ports[7]')).toEqual([]);
  });

  it('a path it cannot parse compiles to nothing rather than throwing', () => {
    expect(compileJsonPath('.spec[?(@.a ~ 1)]')).toBeUndefined();
    expect(compileJsonPath('.spec[')).toBeUndefined();
    expect(compileJsonPath('.spec.replicas')?.(o)).toEqual([3]);
  });

  it('types cells as the API server does: first value; wrong types show nothing', () => {
    const cell = (type: PrinterColumnType['type'], path: string) => printerCell({ type }, jsonPathValues(o, path));
    expect(cell('integer', '.spec.replicas')).toBe(3);
    expect(cell('integer', '.spec.ratio')).toBe(0);
    expect(cell('integer', '.status.conditions[0].status')).toBeNull();
    expect(cell('number', '.spec.ratio')).toBe(0.5);
    expect(cell('boolean', '.spec.on')).toBe(true);
    expect(cell('boolean', '.status.conditions[0].status')).toBeNull();
    expect(cell('string', '.spec.ports[*].port')).toBe('80');
    expect(cell('string', '.spec.ports[0]')).toBe('{"port":80}');
    expect(cell('string', '.spec.nothing')).toBeNull();
    expect(cell('date', '.metadata.name')).toBe('<invalid>');
  });
});
