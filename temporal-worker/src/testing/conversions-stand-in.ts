/**
 * Local stand-ins for the ad platforms' server-side conversion APIs (tests and `pnpm dev`), speaking their wire
 * format:
 *  - Meta Graph API `POST /<version>/<pixelId>/events?access_token=…` with `{ data: [...] }` → 200
 *    `{ events_received, messages: [], fbtrace_id }`, or an error object `{ error: { message, type, code,
 *    error_subcode?, fbtrace_id } }` with HTTP 400 (a bad token is OAuthException code 190; a bad body code 100);
 *  - GA4 Measurement Protocol `POST /mp/collect?measurement_id=…&api_secret=…` with `{ client_id, events }` →
 *    204 with no body (the real endpoint accepts anything it can read; validation is its `/debug` path).
 */
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConversionRequest {
  api: 'meta' | 'ga4';
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
}

export interface ConversionsStandIn {
  /** e.g. `http://127.0.0.1:41234`: both META_GRAPH_BASE_URL and GA4_MP_BASE_URL. */
  baseUrl: string;
  requests: ConversionRequest[];
  /** Tokens Meta accepts per pixel id (anything else is OAuthException 190). */
  setMetaToken(pixelId: string, token: string): void;
  /** The next `count` Meta calls answer HTTP `status` with a Graph error object. */
  failMetaNext(status: number, count?: number): void;
  close(): Promise<void>;
}

const trace = () => `A${randomBytes(9).toString('base64url')}`;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function metaBodyProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return 'The parameter data is required';
  const data = (body as { data?: unknown }).data;
  if (!Array.isArray(data) || data.length === 0) return 'The parameter data is required';
  if (data.length > 1000) return 'Invalid parameter: data may hold at most 1000 events';
  for (const [i, ev] of data.entries()) {
    const e = ev as Record<string, unknown>;
    if (typeof e.event_name !== 'string') return `data[${i}]: event_name is required`;
    if (typeof e.event_time !== 'number' || !Number.isInteger(e.event_time))
      return `data[${i}]: event_time must be a unix timestamp`;
    if (e.action_source !== 'website') return `data[${i}]: action_source must be website here`;
    if (typeof e.user_data !== 'object' || e.user_data === null) return `data[${i}]: user_data is required`;
  }
  return null;
}

export async function startConversionsStandIn(): Promise<ConversionsStandIn> {
  const requests: ConversionRequest[] = [];
  const tokens = new Map<string, string>();
  const failures: number[] = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const query = Object.fromEntries(url.searchParams);
    const raw = await readBody(req);
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    const send = (api: 'meta' | 'ga4', status: number, payload: unknown) => {
      requests.push({ api, method: req.method ?? '', path: url.pathname, query, body, status });
      if (payload === null) {
        res.writeHead(status).end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };
    const meta = /^\/v\d+\.\d+\/(\d+)\/events$/.exec(url.pathname);
    if (req.method === 'POST' && meta) {
      const pixelId = meta[1] ?? '';
      const injected = failures.shift();
      if (injected !== undefined) {
        send('meta', injected, {
          error: {
            message: 'An unexpected error has occurred. Please retry your request later.',
            type: 'OAuthException',
            code: 2,
            is_transient: true,
            fbtrace_id: trace(),
          },
        });
        return;
      }
      if (!query.access_token || tokens.get(pixelId) !== query.access_token) {
        send('meta', 400, {
          error: {
            message: 'Invalid OAuth access token - Cannot parse access token',
            type: 'OAuthException',
            code: 190,
            fbtrace_id: trace(),
          },
        });
        return;
      }
      const problem = metaBodyProblem(body);
      if (problem) {
        send('meta', 400, {
          error: {
            message: `(#100) ${problem}`,
            type: 'OAuthException',
            code: 100,
            error_subcode: 2804008,
            fbtrace_id: trace(),
          },
        });
        return;
      }
      const count = ((body as { data: unknown[] }).data ?? []).length;
      send('meta', 200, { events_received: count, messages: [], fbtrace_id: trace() });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/mp/collect') {
      send('ga4', 204, null);
      return;
    }
    res
      .writeHead(404, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: { message: 'Unknown path', code: 803 } }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    setMetaToken: (pixelId, token) => {
      tokens.set(pixelId, token);
    },
    failMetaNext: (status, count = 1) => {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
