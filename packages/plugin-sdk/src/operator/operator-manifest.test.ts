/** The manifest's `resources` and `requires`, and the toolkit refusing code that disagrees with the manifest. */
import { describe, expect, it } from 'vitest';
import { manifestProblems, parseManifest } from '../manifest.js';
import { resolveKinds } from './routes.js';
import { defineOperatorKind } from './types.js';

const base = {
  id: 'demo',
  name: 'Demo',
  version: '1.0.0',
  sdk: '^1.0.0',
  permissions: [{ resource: 'demo.things', actions: ['read', 'poke'], description: 'things' }],
  requires: [{ group: 'example.com', resource: 'things' }],
  resources: {
    permission: { resource: 'demo.things', action: 'read' },
    kinds: [
      {
        group: 'example.com',
        resource: 'things',
        actions: [{ id: 'poke-now', permission: { resource: 'demo.things', action: 'poke' }, description: 'Poke it' }],
      },
    ],
  },
};

const things = defineOperatorKind({
  group: 'example.com',
  version: 'v1',
  plural: 'things',
  kind: 'Thing',
  namespaced: true,
  health: () => ({ status: 'Healthy', reason: 'fine' }),
  actions: { 'poke-now': { label: 'Poke', patch: () => ({ body: {} }) } },
});

describe('operator manifest', () => {
  it('adds the three toolkit routes with the read permission', () => {
    const m = parseManifest(base);
    expect(m.requires).toEqual([{ group: 'example.com', resource: 'things' }]);
    expect(m.routes.map((r) => `${r.method} ${r.path} ${r.permission.resource}:${r.permission.action}`)).toEqual([
      'GET /resources/:plural demo.things:read',
      'GET /resources/:plural/:name demo.things:read',
      'POST /resources/:plural/:name/actions/:action demo.things:read',
    ]);
    expect(m.routes[2]?.checks_namespace).toBe(true);
  });

  it('names undeclared permissions, duplicate kinds or actions, bad ids and hand-written toolkit routes', () => {
    const kind = base.resources.kinds[0];
    const bad = {
      ...base,
      routes: [
        {
          method: 'GET',
          path: '/resources/:plural',
          permission: { resource: 'demo.things', action: 'read' },
          description: 'x',
        },
      ],
      resources: {
        permission: { resource: 'demo.things', action: 'list' },
        kinds: [
          kind,
          {
            ...kind,
            actions: [{ id: 'Poke', permission: { resource: 'demo.things', action: 'kick' }, description: 'x' }],
          },
        ],
      },
    };
    expect(manifestProblems(bad)).toEqual(
      expect.arrayContaining([
        'plugin "demo": resources.permission: demo.things:list is not declared in permissions',
        'plugin "demo": resources.kinds[1].resource: duplicate kind "things"',
        'plugin "demo": resources.kinds[1].actions[0].id: must be a kebab-case verb such as "backup-now"',
        expect.stringContaining("route GET /resources/:plural is the operator toolkit's"),
      ]),
    );
  });

  it('refuses code whose kinds or actions differ from the manifest, and takes permissions from it', () => {
    const m = parseManifest(base);
    expect(resolveKinds(m, [things]).get('things')?.actions.get('poke-now')?.permission).toEqual({
      resource: 'demo.things',
      action: 'poke',
    });
    const extra = {
      ...things,
      actions: { ...things.actions, 'kick-it': { label: 'Kick', patch: () => ({ body: {} }) } },
    };
    expect(() => resolveKinds(m, [extra])).toThrow('action "kick-it" of things is not declared in the manifest');
    expect(() => resolveKinds(m, [{ ...things, actions: {} }])).toThrow(
      'manifest action "poke-now" of things has no implementation',
    );
    expect(() => resolveKinds(m, [])).toThrow('manifest kind "things" is not declared');
    const twoWays = {
      ...things,
      actions: { 'poke-now': { label: 'Poke', patch: () => ({ body: {} }), run: async () => 1 } },
    };
    expect(() => resolveKinds(m, [twoWays])).toThrow('needs exactly one of patch, create or run');
    const wrongPermission = {
      ...things,
      actions: {
        'poke-now': {
          ...things.actions?.['poke-now'],
          label: 'Poke',
          permission: { resource: 'demo.things', action: 'read' },
        },
      },
    };
    expect(() => resolveKinds(m, [wrongPermission])).toThrow("its permission differs from the manifest's");
  });
});
