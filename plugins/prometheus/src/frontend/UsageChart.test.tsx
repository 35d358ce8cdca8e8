// @vitest-environment jsdom
// The overview's CPU/memory widgets: data when the cluster's Prometheus answers, a calm "how to set it up"
// state (no red error) when the cluster has none, and a real error when the Prometheus it has fails.
import '@testing-library/jest-dom/vitest';
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CpuWidget from './CpuWidget';
import type { UsageAnswer } from './types';

afterEach(cleanup);

/** An error as the web client throws it for `{"error":{"code","message"}}` answers. */
function apiError(status: number, code: string, message: string): Error {
  return Object.assign(new Error(message), { status, code });
}

function apiAnswering(get: PluginApi['get']): PluginApi {
  const unused = vi.fn(() => Promise.reject(new Error('not used')));
  return { get, post: unused, put: unused, delete: unused, upload: unused, raw: unused } as unknown as PluginApi;
}

const props = (api: PluginApi) => ({
  pluginId: 'prometheus',
  clusterId: 'c-1',
  clusterName: 'prod',
  api,
  can: () => true,
});

describe('the CPU widget', () => {
  it('shows a calm empty state with how to configure Prometheus when the cluster has none', async () => {
    const get = vi.fn(() =>
      Promise.reject(
        apiError(
          404,
          'PROMETHEUS_NOT_FOUND',
          'No Prometheus for this cluster: no Prometheus Service found in the cluster and no URL configured',
        ),
      ),
    );
    render(<CpuWidget {...props(apiAnswering(get as PluginApi['get']))} />);
    expect(await screen.findByText('No Prometheus for this cluster yet')).toBeInTheDocument();
    expect(screen.getByText(/monitoring\/prometheus-operated/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Metrics page' })).toHaveAttribute(
      'href',
      '/clusters/c-1/plugins/prometheus',
    );
    expect(screen.getByText(/Why: no Prometheus Service found/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(get).toHaveBeenCalledWith('/usage', { scope: 'cluster', range: '1h' });
  });

  it('shows the whole cluster once the permission to read it arrives after the first render', async () => {
    const get = vi.fn(() =>
      Promise.reject(apiError(404, 'PROMETHEUS_NOT_FOUND', 'No Prometheus for this cluster: none found')),
    );
    const api = apiAnswering(get as PluginApi['get']);
    const view = render(<CpuWidget {...props(api)} can={() => false} />);
    expect(await screen.findByText('Name a namespace.')).toBeInTheDocument();
    view.rerender(<CpuWidget {...props(api)} can={() => true} />);
    expect(await screen.findByText('No Prometheus for this cluster yet')).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith('/usage', { scope: 'cluster', range: '1h' });
  });

  it('asks again after a failure and heals by itself', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const get = vi
        .fn()
        .mockRejectedValueOnce(apiError(502, 'CLUSTER_UNREACHABLE', 'The cluster did not answer'))
        .mockRejectedValue(apiError(404, 'PROMETHEUS_NOT_FOUND', 'No Prometheus for this cluster: none found'));
      render(<CpuWidget {...props(apiAnswering(get as PluginApi['get']))} />);
      expect(await screen.findByText('The cluster did not answer')).toBeInTheDocument();
      await act(async () => {
        await vi.advanceTimersByTimeAsync(10_000);
      });
      expect(await screen.findByText('No Prometheus for this cluster yet')).toBeInTheDocument();
      expect(screen.queryByText('The cluster did not answer')).not.toBeInTheDocument();
      expect(get).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('charts the series when Prometheus answers', async () => {
    const answer: UsageAnswer = {
      scope: 'cluster',
      source: 'cadvisor',
      range: { start: 1000, end: 1120, step: 60 },
      cpu: {
        query: 'q',
        unit: 'cores',
        series: [
          {
            labels: { namespace: 'shop' },
            points: [
              [1000, 0.5],
              [1060, 0.75],
              [1120, 0.6],
            ],
          },
        ],
      },
      memory: { query: 'q', unit: 'bytes', series: [] },
    } as UsageAnswer;
    render(<CpuWidget {...props(apiAnswering(vi.fn(() => Promise.resolve(answer)) as PluginApi['get']))} />);
    expect(await screen.findByLabelText('CPU usage (cores)')).toBeInTheDocument();
    expect(screen.getByText('containers')).toBeInTheDocument();
    expect(screen.queryByTestId('no-prometheus')).not.toBeInTheDocument();
    expect(screen.queryByText('No samples for this selection')).not.toBeInTheDocument();
  });

  it('still reports a Prometheus that exists but fails', async () => {
    const get = vi.fn(() =>
      Promise.reject(
        apiError(
          502,
          'PROMETHEUS_UNREACHABLE',
          'Prometheus unreachable (service monitoring/prometheus-operated:web): connection refused',
        ),
      ),
    );
    render(<CpuWidget {...props(apiAnswering(get as PluginApi['get']))} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Prometheus unreachable');
    expect(screen.queryByTestId('no-prometheus')).not.toBeInTheDocument();
  });
});
