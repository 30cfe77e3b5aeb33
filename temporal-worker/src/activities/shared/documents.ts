import {
  type ArtifactRow,
  type ClientRow,
  findRunStepArtifact,
  getArtifact,
  getClient,
  getOnboardingPayload,
  latestArtifact,
  listOffers,
  type OfferWithPrices,
  type Queryable,
} from '@mos/db';
import {
  type ArtifactData,
  type ArtifactType,
  type ClientCanon,
  type MetricSchema,
  parseStoredArtifactData,
} from '@mos/db/artifacts';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../deps';

/** zod issues in words, at most ten: `path: message; …`. */
export function issuesText(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 10)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** The row an earlier attempt of the same (run, step) wrote, if any: a retried step reuses it. */
export const findStepArtifact = findRunStepArtifact;

/**
 * The onboarding intake as stored (worker-api validated it strictly at submission). Read leniently, so an
 * intake stored by an earlier API version still onboards; only what the workflow cannot do without is required.
 */
export const StoredIntake = z.looseObject({
  businessType: z.string().default('new'),
  brandStory: z.string().min(1),
  offers: z.array(z.string()).default([]),
  constraints: z.string().nullable().default(null),
  competitorDomains: z.array(z.string()).default([]),
  funnelNotes: z.string().nullable().default(null),
  businessModel: z.string().nullable().default(null),
  primaryMarkets: z.array(z.string()).default([]),
  primaryLanguages: z.array(z.string()).default([]),
  goals: z.string().nullable().default(null),
  notes: z.string().nullable().default(null),
});
export type StoredIntake = z.infer<typeof StoredIntake>;

export interface OnboardingContext {
  client: ClientRow;
  intake: StoredIntake;
  offers: OfferWithPrices[];
}

/** The client, its intake (by payload id) and its offers; missing rows fail non-retryably. */
export async function loadOnboardingContext(
  db: Queryable,
  orgId: string,
  clientId: string,
  onboardingPayloadId: string,
): Promise<OnboardingContext> {
  const client = await getClient(db, orgId, clientId);
  if (!client) throw new NotFoundError(`client ${clientId}`);
  const payload = await getOnboardingPayload(db, orgId, clientId, onboardingPayloadId);
  if (!payload) throw new NotFoundError(`onboarding payload ${onboardingPayloadId}`);
  const intake = StoredIntake.safeParse(payload.data);
  if (!intake.success) {
    throw new ValidationError(
      `onboarding intake ${onboardingPayloadId} is unusable: ${issuesText(intake.error.issues)}`,
    );
  }
  const offers = await listOffers(db, orgId, { clientId, limit: 50 });
  return { client, intake: intake.data, offers: offers.items };
}

/** An artifact of the org, parsed as `type`; absent or of another type fails non-retryably. */
export async function loadDoc<K extends ArtifactType>(
  db: Queryable,
  orgId: string,
  artifactId: string,
  type: K,
): Promise<{ row: ArtifactRow; data: ArtifactData<K> }> {
  const row = await getArtifact(db, orgId, artifactId);
  if (!row || row.type !== type) throw new NotFoundError(`${type} artifact ${artifactId}`);
  const parsed = parseStoredArtifactData(type, row.data);
  if (!parsed.success)
    throw new ValidationError(
      `${type} artifact ${artifactId} is invalid: ${issuesText(parsed.error.issues)}`,
    );
  return { row, data: parsed.data };
}

/** The latest approved artifact of a client (campaignId null: client level), parsed; null when none. */
export async function approvedDoc<K extends ArtifactType>(
  db: Queryable,
  orgId: string,
  key: { clientId: string; campaignId: string | null; type: K },
): Promise<{ row: ArtifactRow; data: ArtifactData<K> } | null> {
  const row = await latestArtifact(db, orgId, { ...key, status: 'approved' });
  if (!row) return null;
  const parsed = parseStoredArtifactData(key.type, row.data);
  if (!parsed.success) {
    throw new ValidationError(
      `approved ${key.type} ${row.id} is invalid: ${issuesText(parsed.error.issues)}`,
    );
  }
  return { row, data: parsed.data };
}

/** Every metric id a metric schema declares. */
export function metricIds(schema: MetricSchema): Set<string> {
  return new Set(schema.events.flatMap((e) => e.metrics.map((m) => m.id)));
}

/** The canon to work against: the given artifact, else the client's approved canon, else its latest draft. */
export async function loadCanonFor(
  db: Queryable,
  input: { orgId: string; clientId: string; canonArtifactId: string | null },
): Promise<{ id: string; data: ClientCanon } | null> {
  const row = input.canonArtifactId
    ? await getArtifact(db, input.orgId, input.canonArtifactId)
    : ((await latestArtifact(db, input.orgId, {
        clientId: input.clientId,
        campaignId: null,
        type: 'client_canon',
        status: 'approved',
      })) ??
      (await latestArtifact(db, input.orgId, {
        clientId: input.clientId,
        campaignId: null,
        type: 'client_canon',
      })));
  if (!row) {
    if (input.canonArtifactId) throw new NotFoundError(`canon ${input.canonArtifactId}`);
    return null;
  }
  if (row.type !== 'client_canon')
    throw new ValidationError(`artifact ${row.id} is a ${row.type}, not a client canon`);
  const parsed = parseStoredArtifactData('client_canon', row.data);
  if (!parsed.success)
    throw new ValidationError(
      `canon ${row.id} is not a valid ClientCanon: ${issuesText(parsed.error.issues)}`,
    );
  return { id: row.id, data: parsed.data };
}
