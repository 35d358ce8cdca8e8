import { describe, expect, it } from 'vitest';
import { manifestProblems, parseManifest } from './manifest.js';

const good = {
  id: 'demo',
  name: 'Demo',
  version: '1.2.3',
  sdk: '^1.0.0',
  permissions: [
    { resource: 'demo.things', actions: ['read', 'write'], description: 'Things', default_roles: { viewer: ['read'] } },
  ],
  routes: [
    {
      method: 'GET',
      path: '/things/:name',
      permission: { resource: 'demo.things', action: 'read' },
      description: 'One thing',
    },
  ],
  pages: [{ id: 'things', path: '/things', title: 'Things' }],
  navigation: [{ id: 'things', title: 'Things', page: 'things' }],
};

describe('plugin manifest', () => {
  it('accepts a complete manifest and fills defaults', () => {
    const m = parseManifest(good);
    expect(m.routes[0]?.scope).toBe('cluster');
    expect(m.enabled_by_default).toBe(true);
    expect(m.watchers).toEqual([]);
  });

  it('names the plugin and the field of every problem at once', () => {
    const problems = manifestProblems({
      ...good,
      version: 'one',
      permissions: [
        { resource: 'other.things', actions: ['read'], description: 'x', default_roles: { viewer: ['write'] } },
      ],
      navigation: [{ id: 'n', title: 'N', page: 'missing' }],
      routes: [
        { method: 'GET', path: 'no-slash', permission: { resource: 'demo.things', action: 'read' }, description: 'x' },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^plugin "demo": version: must be a semantic version/),
        expect.stringMatching(/^plugin "demo": routes\[0\]\.path: must be a path/),
      ]),
    );
  });

  it('checks cross-references once the fields are well formed', () => {
    const problems = manifestProblems({
      ...good,
      permissions: [
        { resource: 'other.things', actions: ['read'], description: 'x', default_roles: { viewer: ['write'] } },
      ],
      navigation: [{ id: 'n', title: 'N', page: 'missing' }],
    });
    expect(problems).toEqual([
      'plugin "demo": permissions[0].resource: must start with "demo."',
      'plugin "demo": permissions[0].default_roles.viewer: "write" is not one of this permission\'s actions',
      'plugin "demo": routes[0].permission: demo.things:read is not declared in permissions',
      'plugin "demo": navigation[0].page: no page with id "missing"',
    ]);
  });

  it('refuses unknown fields and an SDK range that excludes this SDK', () => {
    expect(manifestProblems({ ...good, colour: 'red' })).toEqual([
      expect.stringMatching(/^plugin "demo": \(manifest\): Unrecognized key/),
    ]);
    expect(manifestProblems({ ...good, sdk: '^2.0.0' })).toEqual([
      'plugin "demo": sdk: "^2.0.0" does not include the engine\'s SDK 1.0.0',
    ]);
    expect(manifestProblems('nope')[0]).toMatch(/^plugin "\(no id\)"/);
  });

  it('declares tabs on the generic detail page of a kind, each id once', () => {
    const tab = { id: 'postgresql', title: 'PostgreSQL', group: 'postgresql.cnpg.io', resource: 'clusters' };
    expect(parseManifest({ ...good, detail_tabs: [tab] }).detail_tabs).toEqual([tab]);
    expect(parseManifest(good).detail_tabs).toEqual([]);
    expect(manifestProblems({ ...good, detail_tabs: [tab, { ...tab, title: 'Again' }] })).toEqual([
      'plugin "demo": detail_tabs[1].id: duplicate id "postgresql"',
    ]);
    expect(manifestProblems({ ...good, detail_tabs: [{ ...tab, resource: 'Clusters' }] })).toEqual([
      'plugin "demo": detail_tabs[0].resource: must be a plural resource name such as "clusters"',
    ]);
  });
});
