// @vitest-environment jsdom
// The "Scaling" tab of a ScaledObject's detail page and the overview widget, as a viewer and an operator
// see them: the demo's `api` ScaledObject (fallback active) with its HPA, triggers and conditions.
import '@testing-library/jest-dom/vitest';
import type { PluginApi, PluginDetailTabProps } from '@argus/plugin-sdk/frontend';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scaledObjectHealth } from '../backend/health.js';
import type { ScaledObject } from '../backend/keda-types.js';
import { scaledObjectSummary } from '../backend/summary.js';
import HealthWidget from './HealthWidget';
import ScalingTab from './ScalingTab';
import type { ActionInfo } from './types';

afterEach(cleanup);

const api: ScaledObject = {
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  metadata: { name: 'api', namespace: 'shop' },
  spec: {
    scaleTargetRef: { name: 'api' },
    fallback: { failureThreshold: 3, replicas: 6 },
    triggers: [
      {
        type: 'prometheus',
        metadata: { serverAddress: 'http://prometheus.monitoring:9090', query: 'sum(rate(x[2m]))', threshold: '100' },
      },
    ],
  },
  status: {
    hpaName: 'keda-hpa-api',
    health: { 's0-prometheus': { status: 'Failing', numberOfFailures: 7 } },
    conditions: [
      { type: 'Ready', status: 'True', reason: 'ScaledObjectReady' },
      { type: 'Active', status: 'False', reason: 'ScalerNotActive' },
      { type: 'Fallback', status: 'True', reason: 'FallbackExists', message: 'At least one trigger is falling back' },
    ],
  },
};

const actions = (allowed: boolean): ActionInfo[] => [
  {
    id: 'pause',
    label: 'Pause autoscaling',
    description: 'Pause autoscaling',
    allowed,
    available: true,
    reason: null,
    confirm: 'Pause autoscaling of shop/api? KEDA stops scaling Deployment api until autoscaling is resumed.',
    params_schema: { type: 'object', properties: { replicas: { type: 'integer' } } },
  },
  {
    id: 'resume',
    label: 'Resume autoscaling',
    description: 'Resume autoscaling',
    allowed,
    available: false,
    reason: 'Autoscaling of shop/api is not paused',
    confirm: null,
    params_schema: null,
  },
];

function fakeApi(allowed: boolean) {
  const post = vi.fn(async () => ({ result: {} }));
  const get = vi.fn(async (path: string) => {
    if (path === '/resources/scaledobjects/api')
      return { ...api, health: scaledObjectHealth(api), summary: scaledObjectSummary(api), actions: actions(allowed) };
    if (path === '/hpas')
      return {
        items: [
          {
            namespace: 'shop',
            scaledObject: 'api',
            name: 'keda-hpa-api',
            currentReplicas: 6,
            desiredReplicas: 6,
            minReplicas: 1,
            maxReplicas: 100,
            lastScaleTime: null,
            conditions: [{ type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: null }],
          },
        ],
      };
    if (path === '/resources/scaledjobs') return { items: [] };
    if (path === '/resources/scaledobjects')
      return {
        items: [
          { ...api, health: scaledObjectHealth(api) },
          { metadata: { name: 'orders-consumer', namespace: 'shop' }, health: { status: 'Healthy', reason: 'Ready' } },
        ],
      };
    throw new Error(`unexpected ${path}`);
  });
  const client = { get, post, put: vi.fn(), delete: vi.fn(), upload: vi.fn(), raw: vi.fn() } as unknown as PluginApi;
  return { client, get, post };
}

function renderTab(allowed: boolean) {
  const { client, post } = fakeApi(allowed);
  const props: PluginDetailTabProps = {
    pluginId: 'keda',
    clusterId: 'c1',
    clusterName: 'demo',
    api: client,
    can: () => allowed,
    object: { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'api', namespace: 'shop' } },
    resource: {
      group: 'keda.sh',
      version: 'v1alpha1',
      resource: 'scaledobjects',
      kind: 'ScaledObject',
      namespaced: true,
    },
    reload: vi.fn(),
    navigate: vi.fn(),
  };
  render(<ScalingTab {...props} />);
  return { post };
}

describe('the Scaling tab', () => {
  it('shows a viewer the fallback, the HPA replicas, the triggers and the conditions, and no action', async () => {
    renderTab(false);
    const health = await screen.findByRole('region', { name: 'Health' });
    expect(within(health).getByText('Degraded')).toBeInTheDocument();
    expect(health).toHaveTextContent('Fallback active: FallbackExists');
    expect(health).toHaveTextContent('holding 6 fallback replicas');
    expect(within(health).queryByRole('button', { name: /pause|resume/i })).toBeNull();

    const hpa = await screen.findByRole('region', { name: 'Horizontal Pod Autoscaler' });
    expect(await within(hpa).findByText('Current replicas')).toBeInTheDocument();
    expect(within(hpa).getAllByText('6')).toHaveLength(2);
    expect(hpa).toHaveTextContent('keda-hpa-api');

    const triggers = screen.getByRole('table', { name: 'Triggers' });
    expect(triggers).toHaveTextContent('prometheus');
    expect(triggers).toHaveTextContent('http://prometheus.monitoring:9090');
    expect(triggers).toHaveTextContent('Failing · 7 failures');
    expect(screen.getByRole('table', { name: 'KEDA conditions' })).toHaveTextContent('FallbackExists');
  });

  it('lets an operator pause at N replicas after confirming', async () => {
    const { post } = renderTab(true);
    const health = await screen.findByRole('region', { name: 'Health' });
    expect(within(health).getByRole('button', { name: 'Resume autoscaling' })).toBeDisabled();
    fireEvent.click(within(health).getByRole('button', { name: 'Pause autoscaling' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('KEDA stops scaling Deployment api');
    fireEvent.change(within(dialog).getByLabelText('Replicas while paused'), { target: { value: '2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Pause autoscaling' }));
    await vi.waitFor(() =>
      expect(post).toHaveBeenCalledWith('/resources/scaledobjects/api/actions/pause?namespace=shop', {
        params: { replicas: 2 },
      }),
    );
  });
});

describe('the overview widget', () => {
  it('counts scalers by health and names the ones needing attention', async () => {
    const { client } = fakeApi(false);
    render(<HealthWidget pluginId="keda" clusterId="c1" clusterName="demo" api={client} can={() => false} />);
    const counts = await screen.findByRole('list', { name: 'KEDA scalers by health' });
    expect(within(counts).getByLabelText('Degraded: 1')).toBeInTheDocument();
    expect(within(counts).getByLabelText('Healthy: 1')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Scalers needing attention' })).toHaveTextContent('shop/api');
  });
});
