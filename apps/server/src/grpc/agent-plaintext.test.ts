/** Without GRPC_TLS_* the agents' port is plain text: the server says so at start and in every install command. */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFrom } from '../config/load-config.js';
import { issueToken } from '../test-support/agent-test-kit.js';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';
import { createAgentModule } from './agent-module.js';

describe('agent port without TLS', () => {
  let s: ClusterTestServer;
  beforeAll(async () => {
    s = await startClusterTestServer();
  });
  afterAll(() => s?.stop());

  it('warns at start that the agent port is plain text', async () => {
    const lines: Array<{ level: number; msg: string; port?: number }> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const agents = createAgentModule({ config: configFrom({ GRPC_PORT: '0' }), db: s.server.db, logger });
    const port = await agents.listen('127.0.0.1');
    await agents.close();
    const warning = lines.find((l) => l.level === 40);
    expect(warning?.msg).toMatch(/^agent gRPC port is plain text: /);
    expect(warning?.port).toBe(port);
  });

  it('the agent-token answer and its install command carry a visible warning and spell out --insecure', async () => {
    const issued = await issueToken(s, 'plain-edge');
    expect(issued.warning).toMatch(/plain-text gRPC.*--insecure.*unencrypted/);
    const [first, second] = issued.install_command.split('\n');
    expect(first).toMatch(/^# WARNING: .*plain-text gRPC/);
    expect(second).toMatch(/^kubectl apply -f - <</);
    expect(issued.manifest).toContain('--insecure');
    expect(issued.helm_command).toContain('--set insecure=true');
  });
});
