/**
 * Temporal Cloud connection settings: the env rules (named variables, never values), the options built from
 * them, and a real TLS handshake of both SDK connections (the worker's NativeConnection and the relay's
 * client Connection) with an HTTP/2 TLS server that requires a client certificate.
 */
import { TemporalConnectionEnv, temporalConnectionOptions } from '@mos/db/contracts';
import { generateTestPki, startTlsStandIn, type TestPki } from '@mos/db/testing';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRelayEnv, parseWorkerEnv } from '../src/env';

const SERVER_NAME = 'temporal.test';
const decode = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);
const base = { DATABASE_URL: 'pglite:memory', OPENAI_API_KEY: 'sk-test' };

let pki: TestPki;
beforeAll(() => {
  pki = generateTestPki(SERVER_NAME);
});

describe('connection options from env', () => {
  it('is plaintext with nothing set (self-hosted, local dev)', () => {
    expect(temporalConnectionOptions(parseWorkerEnv(base))).toEqual({ address: 'localhost:7233' });
  });

  it('turns TLS on for an API key and sends it', () => {
    const env = parseWorkerEnv({
      ...base,
      TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
      TEMPORAL_API_KEY: 'key-1',
    });
    expect(temporalConnectionOptions(env)).toEqual({
      address: 'ns.acct.tmprl.cloud:7233',
      tls: {},
      apiKey: 'key-1',
    });
  });

  it('builds the mTLS pair, CA and server name; PEM may come as one line with \\n escapes', () => {
    const oneLine = (pem: string) => pem.trim().replace(/\n/g, '\\n');
    const env = parseWorkerEnv({
      ...base,
      TEMPORAL_TLS_CERT: oneLine(pki.clientCert),
      TEMPORAL_TLS_KEY: pki.clientKey,
      TEMPORAL_TLS_CA: pki.ca,
      TEMPORAL_TLS_SERVER_NAME: SERVER_NAME,
    });
    const options = temporalConnectionOptions(env);
    expect(options.apiKey).toBeUndefined();
    expect(options.tls?.serverNameOverride).toBe(SERVER_NAME);
    expect(decode(options.tls?.clientCertPair?.crt)).toBe(pki.clientCert.trim());
    expect(decode(options.tls?.clientCertPair?.key)).toBe(pki.clientKey.trim());
    expect(decode(options.tls?.serverRootCACertificate)).toBe(pki.ca.trim());
  });

  it('names the variable that is missing or malformed, never its value', () => {
    const secretKey = pki.clientKey;
    const fail = (source: Record<string, string>) => {
      try {
        parseWorkerEnv({ ...base, ...source });
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error('expected the env to be refused');
    };
    expect(fail({ TEMPORAL_TLS_CERT: pki.clientCert })).toMatch(
      /TEMPORAL_TLS_KEY: required when TEMPORAL_TLS_CERT is set/,
    );
    const keyOnly = fail({ TEMPORAL_TLS_KEY: secretKey });
    expect(keyOnly).toMatch(/TEMPORAL_TLS_CERT: required when TEMPORAL_TLS_KEY is set/);
    expect(keyOnly).not.toContain('PRIVATE KEY');
    const swapped = fail({ TEMPORAL_TLS_CERT: secretKey, TEMPORAL_TLS_KEY: pki.clientCert });
    expect(swapped).toMatch(/TEMPORAL_TLS_CERT: must be a PEM certificate/);
    expect(swapped).toMatch(/TEMPORAL_TLS_KEY: must be an unencrypted PEM private key/);
    const encrypted = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----';
    expect(fail({ TEMPORAL_TLS_CERT: pki.clientCert, TEMPORAL_TLS_KEY: encrypted })).toMatch(
      /TEMPORAL_TLS_KEY: must be an unencrypted PEM private key/,
    );
    expect(swapped).not.toContain(secretKey.slice(40, 80));
    expect(fail({ TEMPORAL_TLS_CA: '/etc/ssl/ca.pem' })).toMatch(/TEMPORAL_TLS_CA: must be PEM certificate/);
    expect(fail({ TEMPORAL_API_KEY: 'key with spaces' })).toMatch(
      /TEMPORAL_API_KEY: must not contain whitespace/,
    );
    expect(fail({ TEMPORAL_API_KEY: 'key with spaces' })).not.toContain('key with spaces');
    // The relay-only entry applies the same rules.
    expect(() =>
      parseRelayEnv({ WORKFLOW_RELAY_SECRET: 'x'.repeat(32), TEMPORAL_TLS_CERT: pki.clientCert }),
    ).toThrow(/relay environment is invalid:[\s\S]*TEMPORAL_TLS_KEY: required/);
    expect(() => parseRelayEnv({})).toThrow(/WORKFLOW_RELAY_SECRET/);
    expect(TemporalConnectionEnv.safeParse({ TEMPORAL_TLS_KEY: secretKey }).success).toBe(false);
  });
});

describe('TLS handshake with the built options', () => {
  let standIn: Awaited<ReturnType<typeof startTlsStandIn>>;
  beforeAll(async () => {
    standIn = await startTlsStandIn(pki, { requireClientCert: true });
  });
  afterAll(async () => {
    await standIn?.close();
  });

  const options = (extra: Record<string, string> = {}) =>
    temporalConnectionOptions(
      parseWorkerEnv({
        ...base,
        TEMPORAL_ADDRESS: standIn.address,
        TEMPORAL_TLS_CERT: pki.clientCert,
        TEMPORAL_TLS_KEY: pki.clientKey,
        TEMPORAL_TLS_CA: pki.ca,
        TEMPORAL_TLS_SERVER_NAME: SERVER_NAME,
        TEMPORAL_API_KEY: 'cloud-key-123',
        ...extra,
      }),
    );

  it('the relay’s client Connection presents the client certificate and the API key', async () => {
    const before = standIn.calls.length;
    const connection = await Connection.connect({ ...options(), connectTimeout: '10s' });
    await connection.close();
    const calls = standIn.calls.slice(before);
    expect(calls.map((c) => c.path)).toContain(
      '/temporal.api.workflowservice.v1.WorkflowService/GetSystemInfo',
    );
    expect(calls.every((c) => c.clientCn === 'mos-worker')).toBe(true);
    expect(calls.every((c) => c.authorization === 'Bearer cloud-key-123')).toBe(true);
  });

  it('the worker’s NativeConnection presents the client certificate and the API key', async () => {
    const before = standIn.calls.length;
    const connection = await NativeConnection.connect(options());
    await connection.close();
    const calls = standIn.calls.slice(before);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.clientCn === 'mos-worker')).toBe(true);
    expect(calls.every((c) => c.authorization === 'Bearer cloud-key-123')).toBe(true);
  });

  it('fails without verification passing: a certificate from another CA, or the wrong server name', async () => {
    const before = standIn.calls.length;
    const stranger = options({ TEMPORAL_TLS_CERT: pki.strangerCert, TEMPORAL_TLS_KEY: pki.strangerKey });
    await expect(Connection.connect({ ...stranger, connectTimeout: '2s' })).rejects.toThrow();
    await expect(NativeConnection.connect(stranger)).rejects.toThrow();
    const wrongName = options({ TEMPORAL_TLS_SERVER_NAME: 'not-temporal.test' });
    await expect(Connection.connect({ ...wrongName, connectTimeout: '2s' })).rejects.toThrow();
    await expect(NativeConnection.connect(wrongName)).rejects.toThrow();
    expect(standIn.calls.length).toBe(before);
  }, 60_000);
});
