import type * as z from 'zod';
import {
  CONSENT_STATES,
  type ConsentState,
  FunnelSettings,
  PUBLIC_BODY_MAX_BYTES,
  PublicEventBatch,
  PublicLeadSubmission,
} from '../contracts/funnels';
import {
  type FunnelEventRow,
  type FunnelLeadInsert,
  loadPageVersionDocument,
  type PublicationManifest,
  type PublicFunnel,
} from '../data/funnel-public';
import {
  BodyTooLarge,
  CONSENT_COOKIE,
  jsonError,
  jsonOk,
  messagePage,
  readBoundedBody,
  readCookies,
  sha256Hex,
  visitorOf,
} from './http';
import { publicationManifest, resolveFunnel } from './resolve';
import type { FunnelRequestInfo, FunnelRoute, FunnelRuntimeDeps } from './types';

/** A refusal the caller sees: the status, a code, and the field it is about when there is one. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: Parameters<typeof jsonError>[1],
    message: string,
    readonly field?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const refuseJson = (r: Refusal) =>
  jsonError(r.status, r.code, r.message, {
    ...(r.field !== undefined ? { field: r.field } : {}),
    ...(r.retryAfterSeconds !== undefined ? { retryAfterSeconds: r.retryAfterSeconds } : {}),
  });

async function readBody(request: Request): Promise<Uint8Array> {
  try {
    return await readBoundedBody(request, PUBLIC_BODY_MAX_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      throw new Refusal(413, 'PAYLOAD_TOO_LARGE', `request body exceeds ${PUBLIC_BODY_MAX_BYTES} bytes`);
    }
    throw err;
  }
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    throw new Refusal(400, 'BAD_REQUEST', 'body is not JSON', 'body');
  }
}

/** The first zod issue as "field: message", the field named by its path. */
function invalid(error: z.ZodError): Refusal {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || 'body';
  return new Refusal(400, 'BAD_REQUEST', `invalid field ${field}: ${issue?.message ?? 'invalid'}`, field);
}

/** The live funnel and the publication a body names, which must be the funnel's active one. */
async function publicationFor(
  deps: FunnelRuntimeDeps,
  route: FunnelRoute,
  publicationId: string,
  info: FunnelRequestInfo,
): Promise<{ funnel: PublicFunnel; manifest: PublicationManifest }> {
  const funnel = await resolveFunnel(deps, route, info.waitUntil);
  if (!funnel) throw new Refusal(404, 'NOT_FOUND', 'unknown funnel');
  if (funnel.status === 'disabled' || funnel.status === 'archived') {
    throw new Refusal(410, 'GONE', 'the funnel is disabled');
  }
  const manifest = await publicationManifest(deps, funnel, publicationId);
  if (!manifest) throw new Refusal(404, 'NOT_FOUND', 'unknown publication', 'publicationId');
  if (funnel.activePublicationId !== publicationId) {
    throw new Refusal(
      409,
      'CONFLICT',
      'the publication is not the funnel’s active publication',
      'publicationId',
    );
  }
  return { funnel, manifest };
}

function checkPage(manifest: PublicationManifest, pageId: string, variantId: string | null, at: string) {
  if (!manifest.pages.some((p) => p.pageId === pageId)) {
    throw new Refusal(
      400,
      'BAD_REQUEST',
      `invalid field ${at}pageId: not a page of the publication`,
      `${at}pageId`,
    );
  }
  if (!manifest.pages.some((p) => p.pageId === pageId && p.variantId === variantId)) {
    throw new Refusal(
      400,
      'BAD_REQUEST',
      `invalid field ${at}variantId: not a variant of the page in the publication`,
      `${at}variantId`,
    );
  }
}

/** Hashed, never raw: the IP with the org and the UTC day, so hashes join neither across orgs nor across days. */
async function ipHashOf(orgId: string, ip: string | null, now: Date): Promise<string | null> {
  if (!ip) return null;
  return sha256Hex(`${orgId}:${now.toISOString().slice(0, 10)}:${ip}`);
}

const hostOf = (request: Request) => new URL(request.url).host || null;
const userAgentOf = (request: Request) => request.headers.get('user-agent')?.slice(0, 512) ?? null;

/** `POST <base>api/events`: a PublicEventBatch, validated, rate-limited, stored once per event id. */
export async function ingestEvents(
  request: Request,
  route: FunnelRoute,
  deps: FunnelRuntimeDeps,
  info: FunnelRequestInfo,
): Promise<Response> {
  try {
    if (info.clientIp) await enforceIp(deps, info.clientIp);
    const body = await readBody(request);
    const parsed = PublicEventBatch.safeParse(parseJson(body));
    if (!parsed.success) throw invalid(parsed.error);
    const batch = parsed.data;
    await enforceVisitor(deps, batch.visitorId);
    const { funnel, manifest } = await publicationFor(deps, route, batch.publicationId, info);
    batch.events.forEach((e, i) => {
      checkPage(manifest, e.pageId, e.variantId, `events.${i}.`);
    });
    const now = deps.now?.() ?? new Date();
    const ipHash = await ipHashOf(funnel.orgId, info.clientIp, now);
    const host = hostOf(request);
    const userAgent = userAgentOf(request);
    const rows: FunnelEventRow[] = batch.events.map((e) => ({
      orgId: funnel.orgId,
      clientId: funnel.clientId,
      funnelId: funnel.funnelId,
      publicationId: batch.publicationId,
      pageId: e.pageId,
      variantId: e.variantId,
      eventId: e.eventId,
      batchId: batch.batchId,
      type: e.type,
      visitorId: batch.visitorId,
      sessionId: batch.sessionId,
      occurredAt: new Date(e.occurredAt).toISOString(),
      receivedAt: now.toISOString(),
      host,
      path: e.path,
      referrer: e.referrer,
      utm: e.utm as Record<string, string>,
      clickIds: e.clickIds as Record<string, string>,
      consent: e.consent,
      ipHash,
      userAgent,
      props: e.props,
    }));
    await deps.sink.events(rows);
    // `via` tells the page script nothing it needs; it lets operators and tests see which path took the batch.
    return jsonOk({ ok: true, accepted: rows.length, via: deps.sink.kind }, 202);
  } catch (err) {
    if (err instanceof Refusal) return refuseJson(err);
    throw err;
  }
}

// The IP limit runs before the body is read (cheap refusals for a flood); the visitor limit once it is known.
async function enforceIp(deps: FunnelRuntimeDeps, ip: string) {
  const outcome = await deps.limiters.ip.limit(`ip:${ip}`);
  if (!outcome.ok) {
    throw new Refusal(429, 'TOO_MANY_REQUESTS', 'too many requests', undefined, outcome.retryAfterSeconds);
  }
}
async function enforceVisitor(deps: FunnelRuntimeDeps, visitorId: string) {
  const outcome = await deps.limiters.visitor.limit(`v:${visitorId}`);
  if (!outcome.ok) {
    throw new Refusal(429, 'TOO_MANY_REQUESTS', 'too many requests', undefined, outcome.retryAfterSeconds);
  }
}

/** Hidden inputs of a published lead form; field names are lower-case (`^[a-z]…`), so they never collide. */
const FORM_META = ['publicationId', 'pageId', 'variantId', 'blockId', 'submissionId', 'visitorId'] as const;
const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

/** UTM and click ids from a URL's query string (the Referer of a plain form post: the page the visitor was on). */
export function attributionOf(url: string | null, cookies: Map<string, string>) {
  const utm: Record<string, string> = {};
  const clickIds: Record<string, string> = {};
  let params: URLSearchParams | null = null;
  try {
    params = url ? new URL(url).searchParams : null;
  } catch {
    params = null;
  }
  if (params) {
    for (const k of UTM_KEYS) {
      const v = params.get(`utm_${k}`);
      if (v) utm[k] = v.slice(0, 200);
    }
    for (const k of ['fbclid', 'gclid'] as const) {
      const v = params.get(k);
      if (v) clickIds[k] = v.slice(0, 500);
    }
  }
  // Meta's first-party cookies, when the funnel runs a pixel: they improve CAPI matching.
  const fbp = cookies.get('_fbp');
  const fbc = cookies.get('_fbc');
  if (fbp) clickIds.fbp = fbp.slice(0, 200);
  if (fbc) clickIds.fbc = fbc.slice(0, 500);
  return { utm, clickIds };
}

function consentFrom(value: string | null | undefined): ConsentState | null {
  if (value === 'on' || value === 'true' || value === 'yes') return 'granted';
  return (CONSENT_STATES as readonly string[]).includes(value ?? '') ? (value as ConsentState) : null;
}

/** A plain form post turned into a PublicLeadSubmission (server-filled ids, Referer attribution). */
function submissionFromForm(request: Request, body: Uint8Array): unknown {
  const params = new URLSearchParams(new TextDecoder().decode(body));
  const cookies = readCookies(request);
  const meta: Record<string, string> = {};
  const fields: Record<string, string> = {};
  let consent: ConsentState | null = null;
  for (const [key, value] of params) {
    if ((FORM_META as readonly string[]).includes(key)) meta[key] = value;
    else if (key === 'consent') consent = consentFrom(value);
    else fields[key] = value;
  }
  const { utm, clickIds } = attributionOf(request.headers.get('referer'), cookies);
  return {
    submissionId: meta.submissionId || crypto.randomUUID(),
    publicationId: meta.publicationId,
    pageId: meta.pageId,
    variantId: meta.variantId || null,
    blockId: meta.blockId,
    // The page script's fallback adds the visitor id it already sent as JSON; without JavaScript, the cookie's.
    visitorId: meta.visitorId || visitorOf(request).visitorId,
    fields,
    consent: consent ?? consentFrom(cookies.get(CONSENT_COOKIE)) ?? 'not_asked',
    utm,
    clickIds,
  };
}

/** Where a visitor goes after submitting: the form's target, the page's next page, else the page again. */
export async function leadSuccessPath(
  deps: FunnelRuntimeDeps,
  funnel: PublicFunnel,
  manifest: PublicationManifest,
  lead: { pageId: string; variantId: string | null; blockId: string },
  basePath: string,
): Promise<string> {
  const slugOf = (pageId: string) =>
    manifest.pages.find((p) => p.pageId === pageId && p.variantId === null)?.slug ??
    manifest.pages.find((p) => p.pageId === pageId)?.slug;
  const formLinks = manifest.links.filter((l) => {
    const meta = (l.meta ?? {}) as { blockId?: string; variantId?: string };
    return l.kind === 'form' && l.fromPageId === lead.pageId && meta.blockId === lead.blockId;
  });
  const form =
    formLinks.find((l) => ((l.meta as { variantId?: string }).variantId ?? null) === lead.variantId) ??
    formLinks[0];
  const formSlug = form ? slugOf(form.toPageId) : undefined;
  if (formSlug) return `${basePath}${encodeURIComponent(formSlug)}`;
  // A URL target is not a link between pages, so it is read from the published document itself.
  const version = manifest.pages.find((p) => p.pageId === lead.pageId && p.variantId === lead.variantId);
  if (version) {
    const url = formUrlTarget(
      await loadPageVersionDocument(deps.db, funnel.orgId, version.pageVersionId),
      lead.blockId,
    );
    if (url) return url;
  }
  const next = manifest.links.find((l) => l.kind === 'auto' && l.fromPageId === lead.pageId);
  const nextSlug = next ? slugOf(next.toPageId) : undefined;
  if (nextSlug) return `${basePath}${encodeURIComponent(nextSlug)}`;
  return `${basePath}${encodeURIComponent(slugOf(lead.pageId) ?? '')}?submitted=1`;
}

function formUrlTarget(document: unknown, blockId: string): string | null {
  const content = (document as { content?: unknown } | null)?.content;
  if (!Array.isArray(content)) return null;
  for (const block of content as { type?: unknown; props?: Record<string, unknown> }[]) {
    if (block.type !== 'LeadForm' || block.props?.id !== blockId) continue;
    const target = block.props.successTarget as { kind?: unknown; url?: unknown } | null | undefined;
    if (target?.kind === 'url' && typeof target.url === 'string' && /^https?:\/\//.test(target.url)) {
      return target.url;
    }
  }
  return null;
}

/** `POST <base>api/leads`: JSON from the page script, or a plain form post (then 303 to the success page). */
export async function submitLead(
  request: Request,
  route: FunnelRoute,
  basePath: string,
  deps: FunnelRuntimeDeps,
  info: FunnelRequestInfo,
): Promise<Response> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  const isForm = type === 'application/x-www-form-urlencoded';
  try {
    if (!isForm && type !== 'application/json') {
      throw new Refusal(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'send application/json or a form post',
        'content-type',
      );
    }
    if (info.clientIp) await enforceIp(deps, info.clientIp);
    const body = await readBody(request);
    const raw = isForm ? submissionFromForm(request, body) : parseJson(body);
    const parsed = PublicLeadSubmission.safeParse(raw);
    if (!parsed.success) throw invalid(parsed.error);
    const lead = parsed.data;
    await enforceVisitor(deps, lead.visitorId);
    const { funnel, manifest } = await publicationFor(deps, route, lead.publicationId, info);
    checkPage(manifest, lead.pageId, lead.variantId, '');
    const settings = FunnelSettings.safeParse(funnel.settings ?? {});
    const webhook = settings.success ? settings.data.leadWebhookUrl : null;
    const email =
      Object.entries(lead.fields)
        .find(([k]) => k.toLowerCase() === 'email')?.[1]
        ?.trim() || null;
    const now = deps.now?.() ?? new Date();
    const row: FunnelLeadInsert = {
      orgId: funnel.orgId,
      clientId: funnel.clientId,
      funnelId: funnel.funnelId,
      publicationId: lead.publicationId,
      pageId: lead.pageId,
      variantId: lead.variantId,
      blockId: lead.blockId,
      submissionId: lead.submissionId,
      visitorId: lead.visitorId,
      fields: lead.fields,
      email,
      consent: lead.consent,
      utm: lead.utm as Record<string, string>,
      clickIds: lead.clickIds as Record<string, string>,
      host: hostOf(request),
      deliveryStatus: webhook ? 'pending' : 'none',
      createdAt: now.toISOString(),
    };
    const redirectTo = await leadSuccessPath(deps, funnel, manifest, lead, basePath);
    await deps.sink.leads([row]);
    if (isForm) {
      return new Response(null, {
        status: 303,
        headers: { location: redirectTo, 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow' },
      });
    }
    return jsonOk({ ok: true, redirectTo });
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    if (!isForm) return refuseJson(err);
    const page = messagePage(
      err.status,
      err.status === 429 ? 'Please try again in a moment' : 'Your form could not be sent',
      err.field ? `${err.message}.` : err.message,
    );
    if (err.retryAfterSeconds !== undefined) page.headers.set('retry-after', String(err.retryAfterSeconds));
    return page;
  }
}
