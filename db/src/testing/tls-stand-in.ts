import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createSecureServer, type Http2SecureServer, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';

export interface TestPki {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A client pair signed by another CA, which the server must refuse. */
  strangerCert: string;
  strangerKey: string;
}

/** A throwaway CA, a server certificate for `serverName` and a client certificate (CN mos-worker), via openssl. */
export function generateTestPki(serverName: string): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'mos-tls-'));
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    for (const ca of ['ca', 'other-ca']) {
      ssl(
        'req',
        '-x509',
        ...ec,
        '-keyout',
        `${ca}.key`,
        '-out',
        `${ca}.crt`,
        '-subj',
        `/CN=${ca}`,
        '-days',
        '1',
      );
    }
    const issue = (name: string, ca: string, cn: string, ext: string) => {
      writeFileSync(join(dir, `${name}.ext`), ext);
      ssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
      ssl(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        `${ca}.crt`,
        '-CAkey',
        `${ca}.key`,
        '-CAcreateserial',
        '-out',
        `${name}.crt`,
        '-days',
        '1',
        '-extfile',
        `${name}.ext`,
      );
    };
    issue('server', 'ca', serverName, `subjectAltName=DNS:${serverName}\nextendedKeyUsage=serverAuth\n`);
    issue('client', 'ca', 'mos-worker', 'extendedKeyUsage=clientAuth\n');
    issue('stranger', 'other-ca', 'stranger', 'extendedKeyUsage=clientAuth\n');
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    return {
      ca: read('ca.crt'),
      serverCert: read('server.crt'),
      serverKey: read('server.key'),
      clientCert: read('client.crt'),
      clientKey: read('client.key'),
      strangerCert: read('stranger.crt'),
      strangerKey: read('stranger.key'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface SeenCall {
  path: string;
  authorization: string | undefined;
  /** The client certificate's CN, when one was presented. */
  clientCn: string | undefined;
}

/**
 * An HTTP/2 TLS server speaking just enough gRPC for a Temporal connection to come up: every call answers an
 * empty message with grpc-status 0 (an empty GetSystemInfoResponse is valid). It requires a client
 * certificate from `pki.ca` when `requireClientCert` is set, and records who called what.
 */
export async function startTlsStandIn(pki: TestPki, opts: { requireClientCert: boolean }) {
  const calls: SeenCall[] = [];
  const server: Http2SecureServer = createSecureServer({
    key: pki.serverKey,
    cert: pki.serverCert,
    ca: pki.ca,
    requestCert: opts.requireClientCert,
    rejectUnauthorized: opts.requireClientCert,
    allowHTTP1: false,
  });
  server.on('stream', (stream, headers) => {
    const socket = stream.session?.socket as TLSSocket | undefined;
    const cn = socket?.getPeerCertificate()?.subject?.CN;
    calls.push({
      path: String(headers[':path']),
      authorization: headers.authorization as string | undefined,
      clientCn: typeof cn === 'string' ? cn : undefined,
    });
    stream.on('error', () => undefined);
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
    // One gRPC message frame: not compressed, zero bytes long.
    stream.end(Buffer.from([0, 0, 0, 0, 0]));
  });
  server.on('sessionError', () => undefined);
  const open = new Set<ServerHttp2Session>();
  server.on('session', (session) => {
    open.add(session);
    session.on('close', () => open.delete(session));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        for (const session of open) session.destroy();
      }),
  };
}
