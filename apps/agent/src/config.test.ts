import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';
import { AgentConfigError, DEFAULT_SA_DIR, loadAgentConfig } from './config.js';

describe('agent configuration', () => {
  it('reads the contract flags: --server HOST:PORT --token T --kubeconfig FILE --insecure', () => {
    const c = loadAgentConfig(
      ['--server', 'argus.example.com:9090', '--token', 't', '--kubeconfig', 'k.yaml', '--insecure'],
      {},
    );
    expect(c).toMatchObject({
      server: 'argus.example.com:9090',
      token: 't',
      kubeconfig: 'k.yaml',
      insecure: true,
      healthPort: 8081,
    });
    expect(c.credentialFile).toBe('argus-agent-credential.json');
    expect(c.inCluster).toBeUndefined();
  });

  it('runs in-cluster when KUBERNETES_SERVICE_HOST is set and no kubeconfig is given; env fills in flags', () => {
    const c = loadAgentConfig([], {
      ARGUS_AGENT_SERVER: 'argus:9090',
      ARGUS_AGENT_TOKEN: 'tok',
      KUBERNETES_SERVICE_HOST: '10.0.0.1',
      KUBERNETES_SERVICE_PORT: '443',
    });
    expect(c.inCluster).toEqual({ host: '10.0.0.1', port: '443', saDir: DEFAULT_SA_DIR });
    expect(c.token).toBe('tok');
    expect(c.insecure).toBe(false);
    expect(
      loadAgentConfig(['--server', 'a:1', '--token', 'flag'], {
        ARGUS_AGENT_TOKEN: 'env',
        KUBERNETES_SERVICE_HOST: 'h',
      }).token,
    ).toBe('flag');
  });

  it('names every problem', () => {
    expect(() => loadAgentConfig(['--server', 'no-port'], {})).toThrow(AgentConfigError);
    expect(() => loadAgentConfig(['--server', 'a:1'], {})).toThrow(/no cluster to talk to/);
    expect(() => loadAgentConfig(['--bogus'], {})).toThrow();
    try {
      loadAgentConfig(['--kubeconfig', 'k', '--health-port', 'x'], {});
    } catch (err) {
      expect((err as AgentConfigError).problems.join('\n')).toMatch(/server[\s\S]*healthPort/);
    }
  });

  it('backs off exponentially with jitter, capped', () => {
    const lo = () => 0;
    const hi = () => 0.999_999;
    expect(backoffDelay(0, 500, 30_000, lo)).toBe(250);
    expect(backoffDelay(0, 500, 30_000, hi)).toBe(500);
    expect(backoffDelay(3, 500, 30_000, lo)).toBe(2000);
    expect(backoffDelay(20, 500, 30_000, hi)).toBe(30_000);
    const samples = new Set(Array.from({ length: 50 }, () => backoffDelay(4, 500, 30_000)));
    expect(samples.size).toBeGreaterThan(10);
    for (const s of samples) expect(s).toBeGreaterThanOrEqual(4000);
  });
});
