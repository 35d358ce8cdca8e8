import { describe, expect, it } from 'vitest';
import { createForwardSigner, FORWARD_HEADERS, sha256Hex } from './forward-auth.js';

const fields = { mode: 'request' as const, cluster: 'c1', kube: 'e30', bodySha256: sha256Hex(Buffer.from('x')) };

describe('forwarding signatures', () => {
  it('accepts a request signed with the shared secret once, and refuses its replay', () => {
    const signer = createForwardSigner('a'.repeat(40));
    const headers = signer.sign(fields);
    expect(signer.verify(headers)).toMatchObject({ fields: { ...fields } });
    expect(signer.verify(headers)).toEqual({ problem: 'replayed nonce' });
  });

  it('refuses another secret, a changed field, a missing header and an old timestamp', () => {
    const signer = createForwardSigner('a'.repeat(40));
    const other = createForwardSigner('b'.repeat(40));
    expect(signer.verify(other.sign(fields)).problem).toBe('bad signature');
    for (const name of [
      FORWARD_HEADERS.cluster,
      FORWARD_HEADERS.kube,
      FORWARD_HEADERS.bodySha256,
      FORWARD_HEADERS.mode,
    ]) {
      const h = signer.sign(fields);
      expect(signer.verify({ ...h, [name]: name === FORWARD_HEADERS.mode ? 'stream' : 'changed' }).problem).toBe(
        'bad signature',
      );
    }
    const h = signer.sign(fields);
    const { [FORWARD_HEADERS.signature]: _dropped, ...unsigned } = h;
    expect(signer.verify(unsigned).problem).toBe('missing headers');
    const skewed = createForwardSigner('a'.repeat(40), { skewMs: -1 });
    expect(skewed.verify(skewed.sign(fields)).problem).toBe('stale timestamp');
  });
});
