import type { PluginInfo } from '@argus/contracts';
import { describe, expect, it } from 'vitest';
import { enabledOn, type ManifestPage, matchPage, pluginHref } from '@/lib/plugins';

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
    { id: 'a', name: 'east', enabled: true, watchers: 0 },
    { id: 'b', name: 'west', enabled: false, watchers: 0 },
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
  });

  it('links cluster pages under the cluster and global pages under /plugins', () => {
    expect(pluginHref('helm', pages[0] as ManifestPage, 'a')).toBe('/clusters/a/plugins/helm/releases');
    expect(pluginHref('helm', pages[2] as ManifestPage)).toBe('/plugins/helm');
  });
});
