/** For tests: a notification as the pipeline hands it to a sender. */
import type { NotificationEvent, OutgoingMessage } from '../types.js';

export function testEvent(overrides: Partial<NotificationEvent> = {}): NotificationEvent {
  return {
    id: 'evt-1',
    type: 'CrashLoopBackOff',
    severity: 'critical',
    state: 'firing',
    title: 'Deployment payments/api is crash-looping',
    body: '3 pods of payments/api restart repeatedly (back-off 5m).',
    cluster_id: '11111111-1111-4111-8111-111111111111',
    resource_ref: {
      cluster_id: '11111111-1111-4111-8111-111111111111',
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      resource: 'deployments',
      namespace: 'payments',
      name: 'api',
    },
    link: '/clusters/11111111-1111-4111-8111-111111111111/deployments/payments/api',
    occurred_at: '2026-12-06T18:00:00.000Z',
    ...overrides,
  };
}

export function testMessage(
  overrides: Partial<OutgoingMessage> = {},
  event: Partial<NotificationEvent> = {},
): OutgoingMessage {
  return {
    idempotencyKey: 'evt-1:channel-1:user-1',
    event: testEvent(event),
    recipient: { userId: 'user-1', email: 'alice@example.com', displayName: 'Alice' },
    url: 'https://argus.example.com/clusters/11111111-1111-4111-8111-111111111111/deployments/payments/api',
    ...overrides,
  };
}
