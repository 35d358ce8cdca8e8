/** One Kubernetes API call through the plugin's cluster client, with Kubernetes errors turned into AppErrors. */
import { AppError } from '@argus/contracts';
import type { ClusterClient, KubeCall, KubeReply } from '@argus/plugin-sdk';

export function kubeMessage(reply: KubeReply): string {
  try {
    const status = reply.json<{ message?: string }>();
    if (status?.message) return status.message;
  } catch {
    // not JSON: fall back to the text
  }
  return reply.body.toString('utf8').slice(0, 300) || `status ${reply.status}`;
}

export function kubeError(reply: KubeReply, what: string): AppError {
  const message = `${what}: ${kubeMessage(reply)}`;
  if (reply.status === 403) return new AppError('FORBIDDEN', message);
  if (reply.status === 404) return new AppError('NOT_FOUND', message);
  if (reply.status === 409) return new AppError('CONFLICT', message);
  return new AppError('KUBERNETES_ERROR', message, { status: reply.status >= 400 ? reply.status : 502 });
}

/** Sends the call; a status >= 400 other than those in `allow` throws. */
export async function kubeRequest(
  client: ClusterClient,
  call: KubeCall,
  what: string,
  allow: number[] = [],
): Promise<KubeReply> {
  const reply = await client.request(call);
  if (reply.status >= 400 && !allow.includes(reply.status)) throw kubeError(reply, what);
  return reply;
}
