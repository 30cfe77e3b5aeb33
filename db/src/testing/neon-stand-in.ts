/**
 * A local stand-in for Neon's serverless proxy, for tests (Node only).
 *
 * It lets the REAL `@neondatabase/serverless` driver (and drizzle's `neon-http` /
 * `neon-serverless` adapters on top of it) talk to a REAL PostgreSQL server:
 *
 *  1. WebSocket → TCP relay (what `neonConfig.wsProxy` points at). The driver opens
 *     `ws://<wsProxy>?address=<host>:<port>` and speaks the raw Postgres wire protocol in
 *     binary frames. The requested address is ignored: every connection goes to the
 *     configured (loopback-only) Postgres host/port.
 *  2. Neon's SQL-over-HTTP endpoint, `POST /sql`, as used by `neon()` (see
 *     `neonConfig.fetchEndpoint`). Queries run through `pg` against the real server and the
 *     answer has the JSON shape Neon's proxy produces (raw text values; the driver parses them
 *     with its own type parsers from `dataTypeID`). Errors come back as HTTP 400 with Neon's
 *     error JSON, so the driver throws `NeonDbError` carrying the Postgres SQLSTATE `code`.
 *
 * Usage:
 *   const standIn = await startNeonStandIn({ postgresUrl: testPostgresUrl() });
 *   neonConfig.webSocketConstructor = ws; // Node: the driver's WebSocket implementation
 *   Object.assign(neonConfig, neonConfigFor(standIn)); // global: fetchEndpoint is global-only
 *   const sql = neon(standIn.connectionString);            // HTTP
 *   const pool = new Pool({ connectionString: standIn.connectionString }); // WebSocket
 *   ...
 *   await pool.end();
 *   await standIn.close();
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import pg, { type CustomTypesConfig, type FieldDef, type PoolClient, type QueryConfig } from 'pg';
import WebSocket, { type RawData, WebSocketServer } from 'ws';

export interface NeonStandInOptions {
  /** The real Postgres server, e.g. `postgres://mos:mos@127.0.0.1:5432/mos_test`. Loopback only. */
  postgresUrl: string;
  /**
   * Host (optionally `host:port`) written into `connectionString`. The driver only uses it to
   * build the `address` query parameter and to call a function-valued `fetchEndpoint`/`wsProxy`;
   * with the settings from `neonConfigFor()` it is cosmetic, so a production-shaped name such as
   * `ep-test-123456.us-east-2.aws.neon.tech` works too. Default: the stand-in's own `127.0.0.1:<port>`.
   */
  host?: string;
}

export interface NeonStandInStats {
  /** SQL statements received over HTTP (a batch of n queries counts n). */
  httpQueries: number;
  /** WebSocket connections accepted by the relay. */
  wsConnections: number;
}

export interface NeonStandIn {
  /** Base URL of the HTTP server, e.g. `http://127.0.0.1:41234` (the SQL endpoint is `${httpUrl}/sql`). */
  httpUrl: string;
  /** `127.0.0.1:<port>`: the relay accepts WebSocket upgrades on `/v2` (and `/`). */
  wsProxyHost: string;
  /** Postgres URL to hand to `neon()`, `Pool`, `Client` or drizzle: same credentials/database as `postgresUrl`. */
  connectionString: string;
  /** Stops listening, terminates open relays, waits for in-flight HTTP queries and ends the `pg` pools. */
  close(): Promise<void>;
  /** Live counters (mutated in place). */
  stats: NeonStandInStats;
}

/** Settings to apply to `neonConfig` (globally, since `fetchEndpoint` is a global-only option). */
export interface NeonStandInDriverConfig {
  /** `127.0.0.1:<port>/v2`; the driver appends `?address=host:port` and prefixes `ws://`. */
  wsProxy: string;
  /** The relay speaks plain `ws://`. */
  useSecureWebSocket: false;
  /** The default `'password'` pipelines a cleartext-password reply; real Postgres asks for SCRAM. */
  pipelineConnect: false;
  pipelineTLS: false;
  /** `http://127.0.0.1:<port>/sql` (the default would be `https://api.<host>/sql`). */
  fetchEndpoint: string;
}

/**
 * The `neonConfig` settings that point the driver at `standIn`. Apply them with
 * `Object.assign(neonConfig, neonConfigFor(standIn))`. In Node also set
 * `neonConfig.webSocketConstructor = ws` (or rely on Node's global `WebSocket`).
 */
export function neonConfigFor(
  standIn: Pick<NeonStandIn, 'httpUrl' | 'wsProxyHost'>,
): NeonStandInDriverConfig {
  return {
    wsProxy: `${standIn.wsProxyHost}/v2`,
    useSecureWebSocket: false,
    pipelineConnect: false,
    pipelineTLS: false,
    fetchEndpoint: `${standIn.httpUrl}/sql`,
  };
}

/** Neon's proxy limit for request bodies. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/** Relay back-pressure thresholds for data queued towards the WebSocket client. */
const WS_HIGH_WATER = 1024 * 1024;
const WS_LOW_WATER = 256 * 1024;

const ISOLATION_LEVELS: Record<string, string> = {
  ReadUncommitted: 'READ UNCOMMITTED',
  ReadCommitted: 'READ COMMITTED',
  RepeatableRead: 'REPEATABLE READ',
  Serializable: 'SERIALIZABLE',
};

/** Every column comes back as its raw Postgres text (what `Neon-Raw-Text-Output: true` means). */
const rawText = (value: string): string => value;
const RAW_TEXT_TYPES: CustomTypesConfig = {
  getTypeParser: (() => rawText) as unknown as CustomTypesConfig['getTypeParser'],
};

/** The fields of Neon's error JSON; the driver copies exactly these onto `NeonDbError`. */
const ERROR_FIELDS = [
  'severity',
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface QueryData {
  query: string;
  params: (string | null)[];
  arrayMode: boolean | undefined;
}

type Payload = { kind: 'single'; query: QueryData } | { kind: 'batch'; queries: QueryData[] };

interface NeonField {
  name: string;
  dataTypeID: number;
  tableID: number;
  columnID: number;
  dataTypeSize: number;
  dataTypeModifier: number;
  format: 'text';
}

interface NeonQueryResult {
  fields: NeonField[];
  command: string;
  rowCount: number | null;
  rows: unknown[];
  rowAsArray: boolean;
}

interface TxOptions {
  isolationLevel: string | undefined;
  readOnly: boolean;
  deferrable: boolean;
}

interface PgTarget {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
}

/** An error answered with a given HTTP status and Neon's error JSON (no SQLSTATE). */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Relay {
  ws: WebSocket;
  tcp: net.Socket;
}

export async function startNeonStandIn(opts: NeonStandInOptions): Promise<NeonStandIn> {
  const upstream = parseUpstream(opts.postgresUrl);
  const stats: NeonStandInStats = { httpQueries: 0, wsConnections: 0 };
  const pools = new Map<string, pg.Pool>();
  const relays = new Set<Relay>();
  const inFlight = new Set<Promise<void>>();
  let closing = false;

  const wss = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false });

  const server = http.createServer((req, res) => {
    const done = handleHttp(req, res).catch((err: unknown) => {
      // handleHttp answers every error itself; this only guards against bugs in doing so.
      if (!res.headersSent) sendJson(res, 500, { message: `neon stand-in: ${errorMessage(err)}` });
      else res.destroy();
    });
    inFlight.add(done);
    // The promise is tracked in `inFlight` (awaited by close()) and cannot reject.
    void done.finally(() => inFlight.delete(done));
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const { pathname } = new URL(req.url ?? '/', 'http://stand-in');
    if (closing || (pathname !== '/v2' && pathname !== '/')) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => startRelay(ws));
  });

  // `listen` reports failure through 'error', not through its callback.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const selfHost = `127.0.0.1:${port}`;
  const advertisedHost = opts.host ?? selfHost;
  const connectionString = `postgres://${upstream.userInfo}@${advertisedHost}/${upstream.databasePath}`;

  // ---- WebSocket → TCP relay -------------------------------------------------------------

  function startRelay(ws: WebSocket): void {
    stats.wsConnections += 1;
    // The `address` query parameter is deliberately ignored: always the configured server.
    const tcp = net.connect({ host: upstream.host, port: upstream.port });
    tcp.setNoDelay(true);
    const relay: Relay = { ws, tcp };
    relays.add(relay);

    const closeWs = (code: number, reason: string): void => {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) {
        ws.close(code, reason.slice(0, 120));
      }
    };

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) {
        // The Postgres protocol is binary; Neon's proxy does not accept text frames either.
        closeWs(1003, 'the Postgres protocol must be sent in binary frames');
        tcp.destroy();
        return;
      }
      // Writes issued while the TCP connection is still being established are queued by Node.
      if (!tcp.write(toBuffer(data))) ws.pause();
    });
    tcp.on('drain', () => ws.resume());

    tcp.on('data', (chunk: Buffer) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.send(chunk, { binary: true }, () => {
        if (tcp.isPaused() && ws.bufferedAmount < WS_LOW_WATER) tcp.resume();
      });
      if (ws.bufferedAmount > WS_HIGH_WATER) tcp.pause();
    });

    // Postgres hung up (e.g. after a Terminate message, or an authentication failure).
    tcp.on('end', () => closeWs(1000, 'database connection closed'));
    tcp.on('error', (err) => closeWs(1011, `database connection error: ${err.message}`));
    tcp.on('close', () => {
      relays.delete(relay);
      closeWs(1000, 'database connection closed');
    });

    // The client hung up: half-close towards Postgres, which then closes its side.
    ws.on('close', () => {
      relays.delete(relay);
      tcp.end();
    });
    ws.on('error', () => {
      relays.delete(relay);
      tcp.destroy();
      ws.terminate();
    });
  }

  // ---- SQL over HTTP ---------------------------------------------------------------------

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const { pathname } = new URL(req.url ?? '/', 'http://stand-in');
      if (pathname !== '/sql')
        throw new HttpError(404, `no route for ${pathname} (the SQL endpoint is /sql)`);
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-origin': '*',
          'access-control-allow-methods': 'POST, OPTIONS',
          'access-control-allow-headers': '*',
        });
        res.end();
        return;
      }
      if (req.method !== 'POST') throw new HttpError(405, `method ${req.method ?? '?'} not allowed on /sql`);
      if (closing) throw new HttpError(503, 'the neon stand-in is shutting down');

      const target = parseNeonConnectionString(header(req, 'neon-connection-string'), upstream);
      // The driver always sends `Neon-Raw-Text-Output: true` and `Neon-Array-Mode: true` and applies
      // `arrayMode`/type parsing on its side. Neon's typed-JSON output mode is not emulated.
      if (header(req, 'neon-raw-text-output') !== 'true') {
        throw new HttpError(
          400,
          'neon stand-in only implements Neon-Raw-Text-Output: true (what @neondatabase/serverless sends)',
        );
      }
      const defaultArrayMode = header(req, 'neon-array-mode') === 'true';
      const isolationHeader = header(req, 'neon-batch-isolation-level');
      const isolationLevel = isolationHeader === undefined ? undefined : ISOLATION_LEVELS[isolationHeader];
      if (isolationHeader !== undefined && isolationLevel === undefined) {
        throw new HttpError(400, 'invalid isolation level');
      }
      const tx: TxOptions = {
        isolationLevel,
        readOnly: header(req, 'neon-batch-read-only') === 'true',
        deferrable: header(req, 'neon-batch-deferrable') === 'true',
      };

      const payload = parsePayload(await readBody(req));
      const pool = poolFor(target);

      if (payload.kind === 'single') {
        const result = await runSingle(pool, payload.query, defaultArrayMode);
        sendJson(res, 200, result);
      } else {
        const results = await runBatch(pool, payload.queries, defaultArrayMode, tx);
        const echoed: Record<string, string> = {};
        if (tx.readOnly) echoed['neon-batch-read-only'] = 'true';
        if (tx.deferrable) echoed['neon-batch-deferrable'] = 'true';
        if (isolationHeader !== undefined) echoed['neon-batch-isolation-level'] = isolationHeader;
        sendJson(res, 200, { results }, echoed);
      }
    } catch (err) {
      const { status, body } = errorResponse(err);
      sendJson(res, status, body);
    }
  }

  function poolFor(target: PgTarget): pg.Pool {
    const key = JSON.stringify([target.user, target.password ?? null, target.database]);
    let pool = pools.get(key);
    if (pool === undefined) {
      pool = new pg.Pool({
        host: target.host,
        port: target.port,
        user: target.user,
        password: target.password,
        database: target.database,
        application_name: 'neon-stand-in',
        max: 10,
        idleTimeoutMillis: 10_000,
        allowExitOnIdle: true,
      });
      // An idle client whose server connection dies emits 'error' on the pool; it is dropped anyway.
      pool.on('error', () => {});
      pools.set(key, pool);
    }
    return pool;
  }

  async function runQuery(
    client: PoolClient,
    data: QueryData,
    defaultArrayMode: boolean,
  ): Promise<NeonQueryResult> {
    stats.httpQueries += 1;
    const arrayMode = data.arrayMode ?? defaultArrayMode;
    // Always the extended protocol, like Neon: one statement per query, even without params
    // (`queryMode` is a pg option missing from @types/pg).
    const config: QueryConfig<(string | null)[]> & { queryMode: 'extended' } = {
      text: data.query,
      values: data.params,
      types: RAW_TEXT_TYPES,
      queryMode: 'extended',
    };
    const result = arrayMode
      ? await client.query({ ...config, rowMode: 'array' })
      : await client.query(config);
    return {
      fields: result.fields.map(toNeonField),
      command: result.command ?? '',
      rowCount: result.rowCount,
      rows: result.rows,
      rowAsArray: arrayMode,
    };
  }

  async function runSingle(
    pool: pg.Pool,
    data: QueryData,
    defaultArrayMode: boolean,
  ): Promise<NeonQueryResult> {
    const client = await connect(pool);
    let discard = true;
    try {
      const result = await runQuery(client, data, defaultArrayMode);
      // Like Neon: a connection left inside a transaction (e.g. by a bare BEGIN) is not reused.
      discard = client.getTransactionStatus() !== 'I';
      return result;
    } finally {
      client.release(discard);
    }
  }

  async function runBatch(
    pool: pg.Pool,
    queries: QueryData[],
    defaultArrayMode: boolean,
    tx: TxOptions,
  ): Promise<NeonQueryResult[]> {
    const client = await connect(pool);
    let discard = true;
    try {
      const modes: string[] = [];
      if (tx.isolationLevel !== undefined) modes.push(`ISOLATION LEVEL ${tx.isolationLevel}`);
      if (tx.readOnly) modes.push('READ ONLY');
      if (tx.deferrable) modes.push('DEFERRABLE');
      await client.query(['START TRANSACTION', modes.join(', ')].filter(Boolean).join(' '));

      const results: NeonQueryResult[] = [];
      try {
        for (const data of queries) results.push(await runQuery(client, data, defaultArrayMode));
      } catch (err) {
        try {
          await client.query('ROLLBACK');
          discard = client.getTransactionStatus() !== 'I';
        } catch {
          // Connection unusable: it is discarded; report the original error.
        }
        throw err;
      }
      await client.query('COMMIT');
      discard = client.getTransactionStatus() !== 'I';
      return results;
    } finally {
      client.release(discard);
    }
  }

  async function close(): Promise<void> {
    if (closing) return;
    closing = true;
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const { ws, tcp } of relays) {
      ws.terminate();
      tcp.destroy();
    }
    relays.clear();
    await Promise.allSettled([...inFlight]);
    server.closeAllConnections();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await Promise.all([...pools.values()].map((pool) => pool.end()));
    pools.clear();
    await serverClosed;
  }

  return {
    httpUrl: `http://${selfHost}`,
    wsProxyHost: selfHost,
    connectionString,
    close,
    stats,
  };
}

// ---- helpers -------------------------------------------------------------------------------

interface Upstream {
  host: string;
  port: number;
  /** `user[:password]`, still percent-encoded. */
  userInfo: string;
  /** Database name, still percent-encoded. */
  databasePath: string;
}

function parseUpstream(postgresUrl: string): Upstream {
  let url: URL;
  try {
    url = new URL(postgresUrl);
  } catch {
    throw new Error('startNeonStandIn: postgresUrl is not a valid URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error('startNeonStandIn: postgresUrl must start with postgres:// or postgresql://');
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!isLoopback(host)) {
    throw new Error(`startNeonStandIn: refusing to relay to non-loopback Postgres host "${host}"`);
  }
  const databasePath = url.pathname.replace(/^\//, '');
  if (url.username === '' || databasePath === '') {
    throw new Error('startNeonStandIn: postgresUrl must name a user and a database');
  }
  return {
    host,
    port: url.port === '' ? 5432 : Number(url.port),
    userInfo: url.password === '' ? url.username : `${url.username}:${url.password}`,
    databasePath,
  };
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return net.isIPv4(host) && host.startsWith('127.');
}

/** Credentials and database come from the request (as with Neon); host/port never do. */
function parseNeonConnectionString(value: string | undefined, upstream: Upstream): PgTarget {
  if (value === undefined || value === '') throw new HttpError(400, 'missing Neon-Connection-String header');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new HttpError(400, 'Neon-Connection-String is not a valid URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new HttpError(400, 'Neon-Connection-String must use the postgres:// or postgresql:// scheme');
  }
  const user = decodeURIComponent(url.username);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (user === '' || database === '') {
    throw new HttpError(400, 'Neon-Connection-String must include a user and a database');
  }
  // Without a password pg would fall back to PGPASSWORD/.pgpass; Neon requires one.
  if (url.password === '') throw new HttpError(400, 'Neon-Connection-String must include a password');
  return {
    host: upstream.host,
    port: upstream.port,
    user,
    password: decodeURIComponent(url.password),
    database,
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_REQUEST_BYTES) throw new HttpError(413, `request body exceeds ${MAX_REQUEST_BYTES} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parsePayload(body: string): Payload {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
  if (!isRecord(json)) throw new HttpError(400, 'request body must be a JSON object');
  if (typeof json.query === 'string') return { kind: 'single', query: parseQueryData(json) };
  if (Array.isArray(json.queries)) {
    return {
      kind: 'batch',
      queries: json.queries.map((q: unknown) => {
        if (!isRecord(q) || typeof q.query !== 'string') {
          throw new HttpError(400, 'each element of "queries" must be an object with a string "query"');
        }
        return parseQueryData(q);
      }),
    };
  }
  throw new HttpError(400, 'request body must be {"query", "params"} or {"queries": [...]}');
}

function parseQueryData(json: Record<string, unknown>): QueryData {
  const { query, params = [], arrayMode } = json;
  if (typeof query !== 'string') throw new HttpError(400, '"query" must be a string');
  if (!Array.isArray(params)) throw new HttpError(400, '"params" must be an array');
  if (arrayMode !== undefined && arrayMode !== null && typeof arrayMode !== 'boolean') {
    throw new HttpError(400, '"arrayMode" must be a boolean');
  }
  return {
    query,
    params: params.map((p: unknown) => jsonToPgText(p as Json)),
    arrayMode: typeof arrayMode === 'boolean' ? arrayMode : undefined,
  };
}

/** Parameter conversion as in Neon's proxy: strings verbatim, arrays as Postgres array literals. */
function jsonToPgText(value: Json | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return jsonArrayToPgArray(value);
  return JSON.stringify(value);
}

function jsonArrayToPgArray(value: Json): string | null {
  if (value === null) return null;
  if (Array.isArray(value)) return `{${value.map((v) => jsonArrayToPgArray(v) ?? 'NULL').join(',')}}`;
  if (typeof value === 'object') return jsonArrayToPgArray(JSON.stringify(value));
  return JSON.stringify(value);
}

function toNeonField(field: FieldDef): NeonField {
  return {
    name: field.name,
    dataTypeID: field.dataTypeID,
    tableID: field.tableID,
    columnID: field.columnID,
    dataTypeSize: field.dataTypeSize,
    dataTypeModifier: field.dataTypeModifier,
    format: 'text',
  };
}

async function connect(pool: pg.Pool): Promise<PoolClient> {
  try {
    return await pool.connect();
  } catch (err) {
    if (err instanceof pg.DatabaseError) throw err; // e.g. 28P01 bad password: a 400 like on Neon
    throw new HttpError(500, `could not connect to Postgres: ${errorMessage(err)}`);
  }
}

function errorResponse(err: unknown): { status: number; body: Record<string, Json> } {
  if (err instanceof pg.DatabaseError) {
    const body: Record<string, Json> = { message: err.message };
    for (const key of ERROR_FIELDS) body[key] = err[key] ?? null;
    return { status: 400, body };
  }
  const body: Record<string, Json> = { message: errorMessage(err) };
  for (const key of ERROR_FIELDS) body[key] = key === 'code' || key === 'severity' ? '' : null;
  return { status: err instanceof HttpError ? err.status : 500, body };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'access-control-allow-origin': '*',
    ...headers,
  });
  res.end(text);
}

function toBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}
