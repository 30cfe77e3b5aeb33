import { describe, expect, it } from 'vitest';
import { TemporalConnectionEnv, temporalConnectionOptions } from '../src/contracts/index';

describe('Temporal connection env', () => {
  it("treats an env file's empty values as unset: plaintext, no API key", () => {
    const env = TemporalConnectionEnv.parse({
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_API_KEY: '',
      TEMPORAL_TLS_CERT: '',
      TEMPORAL_TLS_KEY: '',
      TEMPORAL_TLS_CA: '',
      TEMPORAL_TLS_SERVER_NAME: '',
    });
    expect(temporalConnectionOptions(env)).toEqual({ address: 'temporal.internal:7233' });
  });

  it('turns TLS on for an API key and names a half-set certificate pair without its value', () => {
    const env = TemporalConnectionEnv.parse({
      TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
      TEMPORAL_API_KEY: 'k1',
    });
    expect(temporalConnectionOptions(env)).toEqual({
      address: 'ns.acct.tmprl.cloud:7233',
      tls: {},
      apiKey: 'k1',
    });
    const half = TemporalConnectionEnv.safeParse({
      TEMPORAL_TLS_CERT: 'secret-cert-text',
      TEMPORAL_TLS_KEY: '',
    });
    expect(half.success).toBe(false);
    const text = JSON.stringify(half.error?.issues);
    expect(text).toContain('TEMPORAL_TLS_KEY');
    expect(text).not.toContain('secret-cert-text');
  });
});
