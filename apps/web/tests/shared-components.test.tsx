// @vitest-environment jsdom
// The frontend toolkit's shared components, as the web app and the plugins draw them: badges, conditions,
// events, YAML, related objects (presentational ones from @argus/ui, data-bound ones from the plugin SDK).
import '@testing-library/jest-dom/vitest';
import {
  ArgusHostProvider,
  EventsList,
  type LiveConnection,
  type LiveListener,
  type LiveTarget,
  RelatedObjects,
} from '@argus/plugin-sdk/frontend';
import {
  ConditionsTable,
  EventsView,
  HealthBadge,
  HealthCounts,
  type LinkComponent,
  objectYaml,
  StatusBadge,
  statusVariant,
  YamlView,
} from '@argus/ui';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(cleanup);

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

describe('badges', () => {
  it('shows health with its reason on hover and focus, and to screen readers', async () => {
    render(<HealthBadge health={{ status: 'Degraded', reason: 'Fallback active: 2 of 3 triggers failing' }} />);
    const badge = screen.getByText('Degraded').closest('[data-health]');
    expect(badge).toHaveAttribute('data-health', 'Degraded');
    expect(badge?.className).toContain('warning');
    expect(badge).toHaveTextContent('Degraded: Fallback active: 2 of 3 triggers failing');
    fireEvent.focus(badge?.parentElement as HTMLElement);
    expect(await screen.findByRole('tooltip')).toHaveTextContent('Fallback active: 2 of 3 triggers failing');
  });

  it('colours each health differently and reads anything unexpected as Unknown', () => {
    render(
      <>
        <HealthBadge health="Healthy" />
        <HealthBadge health={{ status: 'Failed', reason: null }} />
        <HealthBadge health={{ status: 'Weird' as never }} />
        <HealthBadge health={undefined} />
      </>,
    );
    expect(screen.getByText('Healthy').parentElement?.className).toContain('success');
    expect(screen.getByText('Failed').parentElement?.className).toContain('destructive');
    expect(screen.getAllByText('Unknown')).toHaveLength(2);
  });

  it('counts objects by health (cluster-overview widgets)', () => {
    const items = [
      { health: { status: 'Healthy' as const } },
      { health: { status: 'Healthy' as const } },
      { health: { status: 'Failed' as const, reason: 'backup failed' } },
    ];
    render(<HealthCounts items={items} label="Clusters by health" />);
    const list = screen.getByRole('list', { name: 'Clusters by health' });
    expect(within(list).getByLabelText('Healthy: 2')).toBeInTheDocument();
    expect(within(list).getByLabelText('Failed: 1')).toBeInTheDocument();
    expect(within(list).queryByLabelText(/Progressing/)).toBeNull();
  });

  it("colours Helm's and Prometheus's statuses with the same rules as Kubernetes'", () => {
    expect(statusVariant('deployed')).toBe('success');
    expect(statusVariant('pending-upgrade')).toBe('warning');
    expect(statusVariant('failed')).toBe('destructive');
    expect(statusVariant('superseded')).toBe('secondary');
    expect(statusVariant('up')).toBe('success');
    expect(statusVariant('down')).toBe('destructive');
    expect(statusVariant('firing')).toBe('destructive');
    render(<StatusBadge status={null} />);
    expect(screen.getByText('—')).toBeInTheDocument();
  });
});

describe('conditions and events', () => {
  it('lists conditions with status colour, reason, message and age', () => {
    render(
      <ConditionsTable
        now={NOW}
        conditions={[
          { type: 'Ready', status: 'True', reason: 'ClusterIsReady', lastTransitionTime: ago(300) },
          { type: 'ContinuousArchiving', status: 'False', message: 'WAL archive failing' },
        ]}
      />,
    );
    const rows = within(screen.getByRole('table', { name: 'Conditions' })).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('ReadyTrueClusterIsReady—5m');
    expect(within(rows[2] as HTMLElement).getByText('False').className).toContain('destructive');
    expect(rows[2]).toHaveTextContent('WAL archive failing');
  });

  it('says so when there are no conditions', () => {
    render(<ConditionsTable conditions={[]} />);
    expect(screen.getByText('No conditions.')).toBeInTheDocument();
  });

  it('shows events newest first, with the object when they are about several', () => {
    const ev = (name: string, s: number, type = 'Normal') => ({
      metadata: { name },
      type,
      reason: name,
      message: `${name} happened`,
      involvedObject: { kind: 'Pod', name: 'web-1' },
      lastTimestamp: ago(s),
    });
    render(<EventsView events={[ev('Pulled', 600), ev('BackOff', 30, 'Warning')]} showObject now={NOW} />);
    const items = within(screen.getByRole('list', { name: 'Events' })).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Warning30s agoBackOffPod/web-1: BackOff happened');
    expect(items[1]).toHaveTextContent('Pulled');
  });

  it('reads the events of one object through the API client it is given', async () => {
    const raw = vi.fn(async () => ({
      items: [
        { metadata: { name: 'e1' }, type: 'Normal', reason: 'Scheduled', message: 'assigned', lastTimestamp: ago(5) },
      ],
    }));
    render(<EventsList api={{ raw } as never} clusterId="c 1" namespace="shop" name="web-1" kind="Pod" />);
    expect(await screen.findByText('assigned')).toBeInTheDocument();
    expect(raw).toHaveBeenCalledWith(
      'GET',
      '/api/clusters/c%201/events?namespace=shop&fieldSelector=involvedObject.name%3Dweb-1%2CinvolvedObject.kind%3DPod',
    );
  });
});

describe('YAML', () => {
  it('leaves out managed fields and what Argus adds to objects', () => {
    const text = objectYaml({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app', managedFields: [{ manager: 'kubectl' }] },
      data: { key: 'value' },
      cluster: { id: 'c1', name: 'east' },
      health: { status: 'Healthy' },
    });
    expect(text).toContain('name: app');
    expect(text).toContain('key: value');
    expect(text).not.toContain('managedFields');
    expect(text).not.toContain('east');
    expect(text).not.toContain('Healthy');
  });

  it('shows an object read-only', () => {
    render(<YamlView value={{ kind: 'Pod', metadata: { name: 'web-1' } }} label="Pod YAML" />);
    const editor = screen.getByTestId('yaml-editor');
    expect(editor).toHaveTextContent('name: web-1');
    expect(within(editor).getByLabelText('Pod YAML')).toHaveAttribute('contenteditable', 'false');
  });
});

/** A live connection that answers every subscription with the given objects at once. */
function fakeLive(objects: Record<string, unknown[]>) {
  const subscribed: LiveTarget[] = [];
  const live: LiveConnection = {
    subscribe(target: LiveTarget, l: LiveListener) {
      subscribed.push(target);
      queueMicrotask(() => {
        l.onStatus?.('live');
        l.onSnapshot?.({ items: (objects[target.resource] ?? []) as never, synced: true });
      });
      return () => {};
    },
    reauthenticate() {},
    disconnect() {},
  };
  return { live, subscribed };
}

const TestLink: LinkComponent = ({ href, children, className }) => (
  <a href={href} className={className} data-router-link="">
    {children}
  </a>
);

describe('related objects', () => {
  it('lists each group live, by labels or names, linked to the detail pages through the host app', async () => {
    const pod = (name: string, role: string) => ({
      metadata: { name, namespace: 'db', labels: { role } },
      status: { phase: 'Running' },
    });
    const { live, subscribed } = fakeLive({
      pods: [pod('pg-main-2', 'replica'), pod('pg-main-1', 'primary')],
      services: [{ metadata: { name: 'pg-main-rw' } }, { metadata: { name: 'unrelated' } }],
      secrets: [{ metadata: { name: 'pg-main-app' } }],
    });
    render(
      <ArgusHostProvider live={live} link={TestLink}>
        <RelatedObjects
          clusterId="c1"
          namespace="db"
          owners={[{ kind: 'Backup', name: 'nightly' }]}
          groups={[
            {
              title: 'Pods',
              group: '',
              version: 'v1',
              resource: 'pods',
              selector: { 'cnpg.io/cluster': 'pg-main' },
              status: (o) => (o.status as { phase: string }).phase,
              detail: (o) => o.metadata.labels?.role,
            },
            { title: 'Services', group: '', version: 'v1', resource: 'services', names: ['pg-main-rw'] },
            { title: 'Secrets', group: '', version: 'v1', resource: 'secrets', link: false },
            { title: 'Nothing selected', group: '', version: 'v1', resource: 'pods', selector: {} },
          ]}
        />
      </ArgusHostProvider>,
    );
    const pods = await screen.findByRole('region', { name: 'Pods' });
    await waitFor(() => expect(pods).toHaveTextContent('Pods (2)'));
    const links = within(pods).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['pg-main-1', 'pg-main-2']);
    expect(links[0]).toHaveAttribute('href', '/clusters/c1/pods/db/pg-main-1');
    expect(links[0]).toHaveAttribute('data-router-link');
    expect(pods).toHaveTextContent('primary');
    expect(within(screen.getByRole('region', { name: 'Services' })).getByRole('link')).toHaveTextContent('pg-main-rw');
    const secrets = screen.getByRole('region', { name: 'Secrets' });
    expect(within(secrets).queryByRole('link')).toBeNull();
    expect(secrets).toHaveTextContent('pg-main-app');
    expect(screen.getByRole('region', { name: 'Owned by' })).toHaveTextContent('Backup nightly');
    expect(screen.queryByRole('region', { name: 'Nothing selected' })).toBeNull();
    expect(subscribed[0]).toEqual({
      cluster: 'c1',
      group: '',
      version: 'v1',
      resource: 'pods',
      namespace: 'db',
      labelSelector: 'cnpg.io/cluster=pg-main',
    });
    await act(async () => {});
  });
});
