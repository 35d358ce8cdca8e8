import { describe, expect, it } from 'vitest';
import { commonPrefix, complete, localCommand, streams } from './local-commands';

describe('smart terminal: client-side commands', () => {
  it('keeps the context commands in the browser and sends the rest to the server', () => {
    expect(localCommand('use namespace payments')).toEqual({ kind: 'use-namespace', name: 'payments' });
    expect(localCommand('use ns payments')).toEqual({ kind: 'use-namespace', name: 'payments' });
    expect(localCommand('  use cluster prod ')).toEqual({ kind: 'use-cluster', name: 'prod' });
    expect(localCommand('use cluster')).toMatchObject({ kind: 'error' });
    expect(localCommand('clear')).toEqual({ kind: 'clear' });
    expect(localCommand('get pods')).toBeUndefined();
  });

  it('knows which lines stream over the socket', () => {
    expect(streams('get pods -w')).toBe(true);
    expect(streams('kubectl get pods -Aw')).toBe(true);
    expect(streams('get pods --watch')).toBe(true);
    expect(streams('logs web-1 -f')).toBe(true);
    expect(streams('logs web-1 --follow=true')).toBe(true);
    expect(streams('get pods -o wide')).toBe(false);
    expect(streams('logs web-1 --tail 5')).toBe(false);
    expect(streams('delete pod w')).toBe(false);
  });

  it('completes commands, flags, sub-commands and namespaces', () => {
    expect(complete('ge')).toEqual(['get']);
    expect(complete('exp')).toEqual(['explain']);
    expect(complete('label dep')).toEqual(['deployments']);
    expect(complete('logs deploy/web --si')).toEqual(['--since']);
    expect(complete('get pods --sh')).toEqual(['--show-labels']);
    expect(complete('rollout re')).toEqual(['restart']);
    expect(complete('get pods -n pa', ['payments', 'shop'])).toEqual(['payments']);
    expect(commonPrefix(['deployments', 'deploymentconfigs'])).toBe('deployment');
    expect(commonPrefix([])).toBe('');
  });
});
