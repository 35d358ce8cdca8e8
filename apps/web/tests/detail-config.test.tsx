// @vitest-environment jsdom
// Kind-aware detail pages for network and config kinds, on kube-sim's demo objects: a Service's ports,
// endpoints and pods; an Ingress's rules and TLS; a ConfigMap's YAML in the viewer; a Secret's keys and sizes
// with values only on reveal and only with secrets:read; an HPA's metrics against targets and its history.
// Also the CronJob schedule in words.
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeCron, nextCronRun } from '@/lib/cron-words';
import { demoOf, find, serveDemo, showDetail } from './detail/demo-api';

vi.mock('@/lib/plugin-frontends.generated', () => ({ PLUGIN_FRONTENDS: {} }));
vi.mock('next/link', () => import('./detail/next-mocks'));
vi.mock('next/navigation', () => import('./detail/next-mocks'));

// jsdom lays nothing out: CodeMirror (the YAML viewer) measures text ranges.
Range.prototype.getClientRects = () => [] as unknown as DOMRectList;
Range.prototype.getBoundingClientRect = () => new DOMRect();

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('Service and Ingress pages', () => {
  it('shows a Service’s ports, the endpoints and the pods it reaches', async () => {
    const pods = demoOf(
      'Pod',
      (p) => p.metadata.namespace === 'payments' && p.metadata.labels?.app === 'payment-gateway',
    );
    serveDemo({});
    showDetail('services', 'payments', 'payment-gateway');
    const ports = await screen.findByRole('table', { name: 'Service ports' });
    expect(ports).toHaveTextContent('http80/TCP8080');
    const endpoints = await screen.findByRole('table', { name: 'Endpoints' });
    await waitFor(() => expect(within(endpoints).getAllByRole('row')).toHaveLength(pods.length + 1));
    for (const p of pods) expect(within(endpoints).getByRole('link', { name: p.metadata.name })).toBeInTheDocument();
    const selected = await screen.findByRole('table', { name: 'Pods selected by payment-gateway' });
    await waitFor(() => expect(within(selected).getAllByRole('row')).toHaveLength(pods.length + 1));
  });

  it('shows an Ingress’s rules as host/path → service:port and its TLS', async () => {
    serveDemo({});
    showDetail('ingresses', 'payments', 'payment-gateway');
    const rules = await screen.findByRole('table', { name: 'Ingress rules' });
    expect(rules).toHaveTextContent('pay.example.com');
    expect(within(rules).getByRole('link', { name: 'payment-gateway' })).toHaveAttribute(
      'href',
      '/clusters/east/services/payments/payment-gateway',
    );
    expect(rules).toHaveTextContent('payment-gateway:80');
    const tls = screen.getByRole('table', { name: 'TLS' });
    expect(within(tls).getByRole('link', { name: 'payments-tls' })).toBeInTheDocument();
  });
});

describe('ConfigMap and Secret pages', () => {
  it('shows a ConfigMap’s YAML value in the viewer', async () => {
    const cm = find('ConfigMap', 'payments', 'payment-gateway-config');
    serveDemo({});
    showDetail('configmaps', 'payments', 'payment-gateway-config');
    const entry = await screen.findByRole('group', { name: 'application.yaml' });
    expect(entry).toHaveTextContent('YAML');
    expect(entry).toHaveTextContent(`${new TextEncoder().encode(cm.data?.['application.yaml']).length} bytes`);
    expect(within(entry).getByLabelText('application.yaml (yaml)')).toBeInTheDocument();
    await waitFor(() => expect(entry).toHaveTextContent('provider: stripe'));
  });

  it('shows a Secret’s keys and sizes, values only on reveal', async () => {
    const secret = find('Secret', 'payments', 'payment-gateway-stripe');
    serveDemo({});
    showDetail('secrets', 'payments', 'payment-gateway-stripe');
    const value = await screen.findByTestId('secret-api-key');
    expect(value).not.toHaveTextContent('sk_test');
    expect(screen.getByTestId('secret-size-api-key')).toHaveTextContent(
      `${atob(secret.data?.['api-key'] ?? '').length} bytes`,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Reveal api-key' }));
    expect(value).toHaveTextContent(atob(secret.data?.['api-key'] ?? ''));
  });

  it('offers no reveal without secrets:read (the server sends keys and sizes only)', async () => {
    const secret = find('Secret', 'payments', 'payment-gateway-stripe');
    const { data: _d, ...rest } = secret;
    const withoutValues = {
      ...rest,
      data_keys: [
        { key: 'api-key', size: 33 },
        { key: 'webhook-secret', size: 10 },
      ],
    };
    serveDemo({
      admin: false,
      permissions: [{ resource: 'resources', action: 'read' }],
      objects: [withoutValues],
    });
    showDetail('secrets', 'payments', 'payment-gateway-stripe');
    expect(await screen.findByTestId('secret-api-key')).toHaveTextContent('33 bytes');
    expect(screen.queryByRole('button', { name: /Reveal/ })).toBeNull();
  });
});

describe('HPA page', () => {
  it('shows metrics current against target and the replica history from its events', async () => {
    serveDemo({});
    showDetail('horizontalpodautoscalers', 'payments', 'payment-gateway');
    const metrics = await screen.findByRole('table', { name: 'Metrics' });
    expect(metrics).toHaveTextContent('cpu (Resource)42%70%');
    const section = screen.getByRole('region', { name: 'HorizontalPodAutoscaler' });
    expect(within(section).getByRole('link', { name: 'payment-gateway' })).toHaveAttribute(
      'href',
      '/clusters/east/deployments/payments/payment-gateway',
    );
    expect(section).toHaveTextContent('3 to 10');
    const history = screen.getByRole('table', { name: 'Replica history' });
    await waitFor(() => expect(history).toHaveTextContent('All metrics below target'));
  });
});

describe('CronJob schedules in words', () => {
  it('reads what kubectl accepts', () => {
    expect(describeCron('0 * * * *').text).toBe('Every hour at minute 00 (UTC)');
    expect(describeCron('*/15 * * * *').text).toBe('Every 15 minutes (UTC)');
    expect(describeCron('30 2 * * 1-5', 'Europe/Berlin').text).toBe('At 02:30 on Monday to Friday (Europe/Berlin)');
    expect(describeCron('0 0 1 * *').text).toBe('At 00:00 on day 1 of the month (UTC)');
    expect(describeCron('@daily').text).toBe('At 00:00 (UTC)');
    expect(describeCron('0 12 * * SUN').text).toBe('At 12:00 on Sunday (UTC)');
    expect(describeCron('0 12 * * 7').text).toBe('At 12:00 on Sunday (UTC)');
    expect(describeCron('CRON_TZ=Asia/Tokyo 0 9 * * *').text).toBe('At 09:00 (Asia/Tokyo)');
    expect(describeCron('61 * * * *')).toEqual({
      text: 'Not a valid schedule: minute 61 is out of range',
      valid: false,
    });
    expect(describeCron('* * *').valid).toBe(false);
  });

  it('finds the next run', () => {
    const at = new Date('2026-03-10T10:20:30Z'); // a Tuesday
    expect(nextCronRun('0 * * * *', at)?.toISOString()).toBe('2026-03-10T11:00:00.000Z');
    expect(nextCronRun('30 2 * * 1', at)?.toISOString()).toBe('2026-03-16T02:30:00.000Z');
    expect(nextCronRun('0 0 1 * *', at)?.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(nextCronRun('0 0 30 2 *', at)).toBeUndefined();
    expect(nextCronRun('0 9 * * *', at, 'Europe/Berlin')).toBeUndefined();
  });
});
