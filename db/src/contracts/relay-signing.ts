/**
 * Request signing between worker-api's relay gateway and temporal-worker's relay server. Runs on
 * Workers and Node alike: WebCrypto and TextEncoder only, no `node:` imports.
 *
 * signature = hex(HMAC-SHA256(secret, `${timestamp}.${nonce}.${METHOD}.${path}.${hex(sha256(body))}`))
 */
import type { GatewayErrorReason } from './gateway';

export const TIMESTAMP_HEADER = 'x-mos-timestamp';
export const NONCE_HEADER = 'x-mos-nonce';
export const SIGNATURE_HEADER = 'x-mos-signature';
/** How far a request's timestamp may be from the server's clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300;
export const MIN_SECRET_LENGTH = 32;

const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;
const TIMESTAMP_PATTERN = /^[0-9]{1,12}$/;
const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;
const encoder = new TextEncoder();

/** WebCrypto's key type, spelled so it resolves under both @types/node and workers-types. */
export type RelayKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

export type SignatureHeaders = {
  [TIMESTAMP_HEADER]: string;
  [NONCE_HEADER]: string;
  [SIGNATURE_HEADER]: string;
};

export type VerifyFailure =
  | 'missing_signature'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'replayed'
  /** More live nonces than the cache holds: refused rather than forgetting nonces early. */
  | 'nonce_cache_full';
export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  for (const b of view) out += b.toString(16).padStart(2, '0');
  return out;
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** UTF-8, copied into a plain ArrayBuffer-backed view, which is what WebCrypto's types ask for on every runtime. */
function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encoder.encode(text));
}

function bodyBytes(body: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return typeof body === 'string' ? utf8(body) : new Uint8Array(body);
}

export function assertRelaySecret(secret: string): void {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`WORKFLOW_RELAY_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  }
}

/** An HMAC key imported once per secret; callers keep the returned signer for the process. */
export async function importRelayKey(secret: string): Promise<RelayKey> {
  assertRelaySecret(secret);
  return crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

async function canonical(parts: {
  timestamp: string;
  nonce: string;
  method: string;
  path: string;
  body: string | Uint8Array;
}): Promise<Uint8Array<ArrayBuffer>> {
  const bodyHash = toHex(await crypto.subtle.digest('SHA-256', bodyBytes(parts.body)));
  return utf8(`${parts.timestamp}.${parts.nonce}.${parts.method.toUpperCase()}.${parts.path}.${bodyHash}`);
}

export function randomNonce(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

/** Headers for one request. `path` is the URL's pathname plus search, exactly as the server sees it. */
export async function signRequest(opts: {
  key: RelayKey;
  method: string;
  path: string;
  body: string | Uint8Array;
  nowMs?: number;
  nonce?: string;
}): Promise<SignatureHeaders> {
  const timestamp = String(Math.floor((opts.nowMs ?? Date.now()) / 1000));
  const nonce = opts.nonce ?? randomNonce();
  const data = await canonical({ timestamp, nonce, method: opts.method, path: opts.path, body: opts.body });
  const signature = toHex(await crypto.subtle.sign('HMAC', opts.key, data));
  return { [TIMESTAMP_HEADER]: timestamp, [NONCE_HEADER]: nonce, [SIGNATURE_HEADER]: signature };
}

/**
 * Nonces accepted within the window, remembered until their timestamp leaves it, so a captured
 * request cannot be sent again. In memory: one relay process serves one Temporal worker host.
 */
export class NonceCache {
  private readonly seen = new Map<string, number>();
  private nextSweep = 0;

  constructor(private readonly maxEntries = 100_000) {}

  get size(): number {
    return this.seen.size;
  }

  /** Records the nonce unless it was seen and has not expired yet. */
  remember(nonce: string, expiresAtSec: number, nowSec: number): 'ok' | 'replayed' | 'full' {
    if (nowSec >= this.nextSweep || this.seen.size >= this.maxEntries) this.sweep(nowSec);
    const known = this.seen.get(nonce);
    if (known !== undefined && known > nowSec) return 'replayed';
    if (this.seen.size >= this.maxEntries) return 'full';
    this.seen.set(nonce, expiresAtSec);
    return 'ok';
  }

  private sweep(nowSec: number): void {
    for (const [nonce, expires] of this.seen) if (expires <= nowSec) this.seen.delete(nonce);
    this.nextSweep = nowSec + 30;
  }
}

/**
 * Checks headers, clock window and signature (constant time, via WebCrypto's HMAC verify), and only
 * then records the nonce, so unsigned traffic cannot fill the nonce cache.
 */
export async function verifyRequest(opts: {
  key: RelayKey;
  method: string;
  path: string;
  body: string | Uint8Array;
  headers: { get(name: string): string | null | undefined };
  nonces: NonceCache;
  nowMs: number;
}): Promise<VerifyResult> {
  const timestamp = opts.headers.get(TIMESTAMP_HEADER) ?? '';
  const nonce = opts.headers.get(NONCE_HEADER) ?? '';
  const signature = (opts.headers.get(SIGNATURE_HEADER) ?? '').toLowerCase();
  if (!timestamp || !nonce || !signature) return { ok: false, reason: 'missing_signature' };
  if (
    !TIMESTAMP_PATTERN.test(timestamp) ||
    !NONCE_PATTERN.test(nonce) ||
    !SIGNATURE_PATTERN.test(signature)
  ) {
    return { ok: false, reason: 'bad_signature' };
  }
  const nowSec = Math.floor(opts.nowMs / 1000);
  const ts = Number(timestamp);
  if (Math.abs(nowSec - ts) > SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: 'stale_timestamp' };
  const data = await canonical({ timestamp, nonce, method: opts.method, path: opts.path, body: opts.body });
  const valid = await crypto.subtle.verify('HMAC', opts.key, fromHex(signature), data);
  if (!valid) return { ok: false, reason: 'bad_signature' };
  const remembered = opts.nonces.remember(nonce, ts + SIGNATURE_WINDOW_SECONDS + 1, nowSec);
  if (remembered === 'replayed') return { ok: false, reason: 'replayed' };
  if (remembered === 'full') return { ok: false, reason: 'nonce_cache_full' };
  return { ok: true };
}

/** Where temporal-worker serves the relay; the gateway posts to `${RELAY_BASE_PATH}/{operation}`. */
export const RELAY_BASE_PATH = '/internal/workflows';
/** Only the calls worker-api makes; the relay refuses anything else its secret might sign. */
export const RELAY_OPERATIONS = ['start', 'signal', 'query', 'cancel', 'signal-with-start'] as const;
export type RelayOperation = (typeof RELAY_OPERATIONS)[number];

export type RelayErrorCode =
  | VerifyFailure
  | 'not_found'
  | 'bad_request'
  | 'forbidden'
  | 'payload_too_large'
  | 'workflow_not_found'
  | 'already_started'
  | 'temporal_error'
  | 'temporal_unavailable'
  | 'internal';

/**
 * The relay's error answer. `reason` is the WorkflowGatewayError reason the relay gateway raises, set by the
 * relay where the failure arose (from the Temporal client's error type), so the API never reads `message`.
 */
export interface RelayErrorBody {
  error: { code: RelayErrorCode; reason: GatewayErrorReason; message: string; fields?: string[] };
}
