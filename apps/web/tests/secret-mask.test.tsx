// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { editableYaml } from '@/components/YamlTab';
import { MASK, maskSecret } from '@/lib/secret-mask';

describe('Secret YAML masking', () => {
  it('masks data, stringData and the last-applied annotation, keeping the keys', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'db',
        namespace: 'team-a',
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"aHVudGVyMg=="}}' },
      },
      data: { password: 'aHVudGVyMg==' },
      stringData: { token: 'plain-text' },
    };
    const yaml = editableYaml(maskSecret(secret));
    expect(yaml).not.toContain('aHVudGVyMg==');
    expect(yaml).not.toContain('plain-text');
    expect(yaml).toContain(`password: ${MASK}`);
    expect(yaml).toContain(`token: ${MASK}`);
    expect(secret.data.password).toBe('aHVudGVyMg==');
  });
});
