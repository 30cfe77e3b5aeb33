import { type ClientReadinessRow, getClientReadiness, type Queryable, type ReadinessArtifact } from '@mos/db';
import { DomainError } from '../../errors';
import type { OnboardingByClient } from '../../schemas/onboarding';
import type { ServiceCtx } from '../context';

export type ReadinessFileType = 'client_canon' | 'metric_schema';

export interface ReadinessFile {
  type: ReadinessFileType;
  status: 'approved' | 'draft' | 'missing';
  artifactId: string | null;
  version: number | null;
}

export interface Readiness {
  ready: boolean;
  files: ReadinessFile[];
  /** Human-readable, e.g. "approved client canon". */
  missing: string[];
  message: string;
}

const LABELS: Record<ReadinessFileType, string> = {
  client_canon: 'client canon',
  metric_schema: 'metric schema',
};

function file(type: ReadinessFileType, found: ReadinessArtifact | null): ReadinessFile {
  if (!found) return { type, status: 'missing', artifactId: null, version: null };
  return { type, status: found.status, artifactId: found.id, version: found.version };
}

/** Turns the readiness row into the answer shared by onboarding.readiness and the campaigns.plan gate. */
export function describeReadiness(row: ClientReadinessRow): Readiness {
  const files = [file('client_canon', row.clientCanon), file('metric_schema', row.metricSchema)];
  const missing = files.filter((f) => f.status !== 'approved').map((f) => `approved ${LABELS[f.type]}`);
  const ready = missing.length === 0;
  const message = ready
    ? 'The client has an approved client canon and an approved metric schema; campaign planning can start.'
    : `Campaign planning needs the client's approved client canon and approved metric schema; missing: ${missing.join(', ')}`;
  return { ready, files, missing, message };
}

/** Readiness of a client of the caller's org; NOT_FOUND otherwise. */
export async function loadReadiness(q: Queryable, orgId: string, clientId: string): Promise<Readiness> {
  const row = await getClientReadiness(q, orgId, clientId);
  if (!row) throw DomainError.notFound('client');
  return describeReadiness(row);
}

export async function clientReadiness({ ctx, input }: { ctx: ServiceCtx; input: OnboardingByClient }) {
  return loadReadiness(ctx.db, ctx.member.orgId, input.clientId);
}
