import type { PluginInfo } from '@argus/contracts';
import { describe, expect, it } from 'vitest';
import { detailTabsFor, enabledOn, type ManifestPage, matchPage, pluginHref } from '@/lib/plugins';

const pages: ManifestPage[] = [
  { id: 'releases', path: '/releases', title: 'Releases', scope: 'cluster' },
  { id: 'release', path: '/releases/detail', title: 'Release', scope: 'cluster' },
  { id: 'all', path: '/', title: 'All', scope: 'global' },
];

const info = (over: Partial<PluginInfo>): PluginInfo => ({
  id: 'helm',
  name: 'Helm',
  version: '1.0.0',
  description: '',
  status: 'active',
  error: null,
  failures: { count: 0, last: null },
  manifest: { pages },
  clusters: [
    { id: 'a', name: 'east', enabled: true, available: true, watchers: 0 },
    { id: 'b', name: 'west', enabled: false, available: true, watchers: 0 },
    { id: 'c', name: 'bare', enabled: true, available: false, watchers: 0 },
  ],
  ...over,
});

describe('plugin pages in the UI', () => {
  it('matches the longest page path and hands the rest to the page', () => {
    expect(matchPage(pages, 'cluster', ['releases', 'default', 'web'])).toEqual({
      page: pages[0],
      subpath: ['default', 'web'],
    });
    expect(matchPage(pages, 'cluster', ['releases', 'detail', 'x'])?.page.id).toBe('release');
    expect(matchPage(pages, 'cluster', ['nope'])).toBeUndefined();
    expect(matchPage(pages, 'global', ['anything'])?.page.id).toBe('all');
  });

  it('shows a plugin only on clusters where it is enabled and running', () => {
    expect(enabledOn(info({}), 'a')).toBe(true);
    expect(enabledOn(info({}), 'b')).toBe(false);
    expect(enabledOn(info({ status: 'failed' }), 'a')).toBe(false);
    expect(enabledOn(info({ id: 'unknown-to-the-ui' }), 'a')).toBe(false);
    // enabled, but the cluster lacks what the plugin requires (its CRDs)
    expect(enabledOn(info({}), 'c')).toBe(false);
  });

  it('offers a detail tab on the kind it names, where the plugin is enabled and available', () => {
    const tab = { id: 'postgresql', title: 'PostgreSQL', group: 'postgresql.cnpg.io', resource: 'clusters' };
    const plugins = [info({ manifest: { pages, detail_tabs: [tab] } })];
    const cnpgCluster = { group: 'postgresql.cnpg.io', resource: 'clusters' };
    expect(detailTabsFor(plugins, 'a', cnpgCluster)).toEqual([{ pluginId: 'helm', tab, value: 'helm.postgresql' }]);
    expect(detailTabsFor(plugins, 'a', { group: 'apps', resource: 'deployments' })).toEqual([]);
    expect(detailTabsFor(plugins, 'b', cnpgCluster)).toEqual([]); // disabled there
    expect(detailTabsFor(plugins, 'c', cnpgCluster)).toEqual([]); // CRDs missing there
    const core = [info({ manifest: { detail_tabs: [{ ...tab, group: '', resource: 'pods' }] } })];
    expect(detailTabsFor(core, 'a', { group: 'core', resource: 'pods' })).toHaveLength(1);
  });

  it('links cluster pages under the cluster and global pages under /plugins', () => {
    expect(pluginHref('helm', pages[0] as ManifestPage, 'a')).toBe('/clusters/a/plugins/helm/releases');
    expect(pluginHref('helm', pages[2] as ManifestPage)).toBe('/plugins/helm');
  });
});
