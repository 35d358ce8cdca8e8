/**
 * The assistant under test: the real server and kube-sim (the operations fixture: a Deployment `web` with 2
 * replicas and a Secret `creds` in `shop`, a viewer, an operator of `shop`) and a fake provider speaking the
 * real wire format, configured through the admin API.
 */
import type { AiStreamFrame } from '@argus/contracts';
import { type OperationsFixture, startOperationsFixture } from '../../test-support/operations-fixture.js';
import { type FakeKind, type FakeProvider, startFakeProvider } from './fake-provider.js';

export interface AssistantKit {
  f: OperationsFixture;
  fake: FakeProvider;
  /** Sets the fake as the default provider (and the tool permission level). */
  configure(level?: 'all' | 'read_only' | 'disabled'): Promise<void>;
  conversation(token: string): Promise<string>;
  send(
    token: string,
    conversation: string,
    content: string,
    context?: Record<string, string>,
  ): Promise<AiStreamFrame[]>;
  /** Status and, for 200, the frames; otherwise the error body. */
  decide(
    token: string,
    id: string,
    what: 'approve' | 'reject',
  ): Promise<{ status: number; frames: AiStreamFrame[]; body: { error?: { code: string } } }>;
  stop(): Promise<void>;
}

export function parseFrames(text: string): AiStreamFrame[] {
  return text
    .split('\n\n')
    .map((b) => b.trim())
    .filter((b) => b.startsWith('data: '))
    .map((b) => JSON.parse(b.slice('data: '.length)) as AiStreamFrame);
}

export async function startAssistantKit(kind: FakeKind = 'anthropic'): Promise<AssistantKit> {
  const [f, fake] = await Promise.all([startOperationsFixture(), startFakeProvider(kind)]);
  return {
    f,
    fake,
    async configure(level = 'all') {
      const r = await f.api('PUT', '/api/settings/ai', f.s.adminToken, {
        providers: [
          {
            provider: kind,
            model: 'fake-model',
            base_url: fake.baseUrl,
            api_key: 'sk-test-0123456789abcdef',
            enabled: true,
            is_default: true,
          },
        ],
        tool_permission_level: level,
      });
      if (r.status !== 200) throw new Error(`configure: ${r.status} ${JSON.stringify(r.body)}`);
    },
    async conversation(token) {
      const r = await f.api<{ id: string }>('POST', '/api/ai/conversations', token, { cluster_id: f.id });
      if (r.status !== 201) throw new Error(`conversation: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.id;
    },
    async send(token, conversation, content, context) {
      const res = await f.s.fetch(`/api/ai/conversations/${conversation}/messages`, {
        method: 'POST',
        token,
        body: JSON.stringify({ content, ...(context ? { context } : {}) }),
      });
      if (res.status !== 200) throw new Error(`send: ${res.status} ${await res.text()}`);
      if (!res.headers.get('content-type')?.startsWith('text/event-stream')) throw new Error('not an event stream');
      return parseFrames(await res.text());
    },
    async decide(token, id, what) {
      const res = await f.s.fetch(`/api/ai/confirmations/${id}/${what}`, { method: 'POST', token });
      const text = await res.text();
      const sse = res.headers.get('content-type')?.startsWith('text/event-stream');
      return { status: res.status, frames: sse ? parseFrames(text) : [], body: sse || !text ? {} : JSON.parse(text) };
    },
    async stop() {
      await Promise.all([f.stop(), fake.close()]);
    },
  };
}

/** The frames of one type. */
export const framesOf = <T extends AiStreamFrame['type']>(frames: AiStreamFrame[], type: T) =>
  frames.filter((x): x is Extract<AiStreamFrame, { type: T }> => x.type === type);
