// @vitest-environment jsdom
// Gateway API pages on kube-sim's demo objects: an HTTPRoute's rules as matches → backends (weights as shares,
// a backend that does not exist flagged), a Gateway's listeners and the routes attached to it; and "Open" on a
// Service port, which asks for a proxy session and opens its URL in a new tab (no token in the URL).
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serveDemo, showDetail } from './detail/demo-api';

vi.mock('@/lib/plugin-frontends.generated', () => ({ PLUGIN_FRONTENDS: {} }));
vi.mock('next/link', () => import('./detail/next-mocks'));
vi.mock('next/navigation', () => import('./detail/next-mocks'));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('Gateway API pages', () => {
  it('shows an HTTPRoute’s rules as matches → backends with their shares, and a missing backend', async () => {
    serveDemo({});
    showDetail('gateway.networking.k8s.io~v1~httproutes', 'shop', 'storefront');
    const rules = await screen.findByRole('table', { name: 'Route rules' });
    const rows = within(rules).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('PathPrefix /api');
    expect(rows[1]).toHaveTextContent('shop/api:8080');
    expect(rows[1]).toHaveTextContent('90%');
    expect(rows[1]).toHaveTextContent('10%');
    await waitFor(() => expect(rows[1]).toHaveTextContent('Not found'));
    expect(within(rows[1] as HTMLElement).getByRole('link', { name: 'shop/api:8080' })).toHaveAttribute(
      'href',
      '/clusters/east/services/shop/api',
    );
    expect(rows[2]).toHaveTextContent('shop/frontend:80');
    expect(rows[2]).not.toHaveTextContent('Not found');
    const parents = screen.getByRole('table', { name: 'Parent gateways' });
    expect(parents).toHaveTextContent('shop/shop-gateway');
    expect(parents).toHaveTextContent('ResolvedRefs: BackendNotFound');
  });

  it('shows a Gateway’s listeners and the routes attached to it', async () => {
    serveDemo({});
    showDetail('gateway.networking.k8s.io~v1~gateways', 'shop', 'shop-gateway');
    const listeners = await screen.findByRole('table', { name: 'Listeners' });
    expect(listeners).toHaveTextContent('HTTPS 443');
    expect(listeners).toHaveTextContent('shop-tls');
    const routes = screen.getByRole('table', { name: 'Attached routes' });
    await waitFor(() => expect(within(routes).getAllByRole('row')).toHaveLength(4));
    expect(routes).toHaveTextContent('HTTPRoute shop/storefront');
    expect(routes).toHaveTextContent('GRPCRoute shop/fraud-check');
    expect(routes).toHaveTextContent('fraud-detector:9000');
  });
});

describe('open a Service port in the browser', () => {
  it('asks for a proxy session and opens its URL in a new tab', async () => {
    const tab = { opener: {} as unknown, location: { href: 'about:blank' }, close: vi.fn() };
    const open = vi.fn(() => tab);
    vi.stubGlobal('open', open);
    const calls = serveDemo({
      handlers: {
        'POST /proxy-sessions': () => ({
          url: '/api/clusters/east/proxy/services/payments/payment-gateway/http/',
          expires_at: new Date().toISOString(),
        }),
      },
    });
    showDetail('services', 'payments', 'payment-gateway');
    const ports = await screen.findByRole('table', { name: 'Service ports' });
    fireEvent.click(within(ports).getByRole('button', { name: 'Open service port http in the browser' }));
    await waitFor(() =>
      expect(tab.location.href).toBe('/api/clusters/east/proxy/services/payments/payment-gateway/http/'),
    );
    expect(tab.opener).toBeNull();
    expect(open).toHaveBeenCalledWith('about:blank', '_blank');
    expect(calls.find((c) => c.url.endsWith('/proxy-sessions'))?.body).toEqual({
      kind: 'services',
      namespace: 'payments',
      name: 'payment-gateway',
      port: 'http',
    });
  });

  it('offers no Open button without services:proxy', async () => {
    serveDemo({ admin: false, permissions: [{ resource: 'resources', action: 'read' }] });
    showDetail('services', 'payments', 'payment-gateway');
    const ports = await screen.findByRole('table', { name: 'Service ports' });
    expect(within(ports).queryByRole('button', { name: /Open service port/ })).toBeNull();
  });
});
