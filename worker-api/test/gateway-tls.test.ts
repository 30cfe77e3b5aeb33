/**
 * The `client` gateway reaches Temporal Cloud with the TLS settings from worker-api's env: a real handshake
 * with an HTTP/2 TLS server that requires a client certificate from a throwaway CA and records the API key.
 */
import { SIGNAL_STOP, type WorkflowGatewayError } from '@mos/db/contracts';
import { generateTestPki, startTlsStandIn, type TestPki } from '@mos/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TemporalClientGateway } from '../src/gateway/client';
import { parseGatewayEnv, selectWorkflowGateway } from '../src/gateway/select';

const SERVER_NAME = 'temporal.test';
let pki: TestPki;
let standIn: Awaited<ReturnType<typeof startTlsStandIn>>;

beforeAll(async () => {
  pki = generateTestPki(SERVER_NAME);
  standIn = await startTlsStandIn(pki, { requireClientCert: true });
});
afterAll(async () => {
  await standIn?.close();
});

function gatewayFor(extra: Record<string, string> = {}) {
  const env = parseGatewayEnv({
    WORKFLOW_GATEWAY: 'client',
    TEMPORAL_ADDRESS: standIn.address,
    TEMPORAL_TLS_CERT: pki.clientCert,
    TEMPORAL_TLS_KEY: pki.clientKey,
    TEMPORAL_TLS_CA: pki.ca,
    TEMPORAL_TLS_SERVER_NAME: SERVER_NAME,
    TEMPORAL_API_KEY: 'cloud-key-123',
    ...extra,
  });
  const { gateway } = selectWorkflowGateway(env, {
    runtime: 'node',
    client: (cfg) => new TemporalClientGateway({ ...cfg, connectTimeoutMs: 2_000 }),
  });
  return gateway as TemporalClientGateway;
}

describe('client gateway over TLS (Temporal Cloud settings)', () => {
  it('presents the client certificate and the API key on every call', async () => {
    const gateway = gatewayFor();
    const before = standIn.calls.length;
    await gateway.signal({ workflowId: 'wf-tls' }, SIGNAL_STOP, []);
    await gateway.close();
    const calls = standIn.calls.slice(before);
    expect(calls.map((c) => c.path)).toContain(
      '/temporal.api.workflowservice.v1.WorkflowService/SignalWorkflowExecution',
    );
    expect(calls.every((c) => c.clientCn === 'mos-worker')).toBe(true);
    expect(calls.every((c) => c.authorization === 'Bearer cloud-key-123')).toBe(true);
  });

  it('is unavailable when the handshake fails (certificate from another CA, or wrong server name)', async () => {
    const before = standIn.calls.length;
    const variants: Record<string, string>[] = [
      { TEMPORAL_TLS_CERT: pki.strangerCert, TEMPORAL_TLS_KEY: pki.strangerKey },
      { TEMPORAL_TLS_SERVER_NAME: 'not-temporal.test' },
    ];
    for (const extra of variants) {
      const gateway = gatewayFor(extra);
      const err = (await gateway
        .signal({ workflowId: 'wf-tls' }, SIGNAL_STOP, [])
        .catch((e: unknown) => e)) as WorkflowGatewayError | undefined;
      expect(err?.reason).toBe('unavailable');
      await gateway.close();
    }
    expect(standIn.calls.length).toBe(before);
  }, 30_000);
});
