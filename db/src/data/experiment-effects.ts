/**
 * Measured effects of finished experiment phases (one row per treatment arm), and the org's effects of a metric
 * for pooling by vertical into priors (`pooledEffects` of @mos/stats). The vertical is the client's ad vertical,
 * else its industry, as it was when the effect was recorded.
 */
import { pooledEffects } from '@mos/stats';
import { and, eq, inArray, sql } from 'drizzle-orm';
import * as z from 'zod';
import {
  type DecisionMetricId,
  DecisionMetricId as DecisionMetricIdSchema,
  type PlanPrior,
} from '../contracts/experiments';
import type { Queryable } from '../db-type';
import { clients } from '../schema/clients';
import { experimentEffects, experiments } from '../schema/experiments';

/** `experiment_effects.lift`: the arm's relative lift over control, its standard error and what it came from. */
export const EffectLift = z.strictObject({
  lift: z.number().finite(),
  se: z.number().finite().nonnegative(),
  /** The interval the report gave (a confidence sequence under the sequential rule), null when none. */
  ci: z.tuple([z.number(), z.number()]).nullable(),
  pValue: z.number().min(0).max(1).nullable(),
  /** Units of the arm and of control. */
  units: z.number().nonnegative().nullable(),
  controlUnits: z.number().nonnegative().nullable(),
});
export type EffectLift = z.infer<typeof EffectLift>;

export interface ArmEffectInput {
  armId: string;
  lift: EffectLift;
}

export class EffectsError extends Error {
  constructor(
    readonly reason: 'not_found' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'EffectsError';
  }
}

/** The vertical effects of a client are pooled under: its ad vertical, else its industry (trimmed, lower case). */
export function verticalOf(client: { adVertical: string | null; industry: string | null }): string | null {
  if (client.adVertical) return client.adVertical;
  const industry = client.industry?.trim().toLowerCase();
  return industry ? industry : null;
}

export async function clientVertical(
  q: Queryable,
  orgId: string,
  clientId: string,
): Promise<{ vertical: string | null } | null> {
  const [row] = await q
    .select({ adVertical: clients.adVertical, industry: clients.industry })
    .from(clients)
    .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId)))
    .limit(1);
  return row ? { vertical: verticalOf(row) } : null;
}

/**
 * Records a finished phase's effects, one row per treatment arm. A retried call converges on the same rows (the
 * numbers and report of the last call win). Effects of a client without a vertical are stored under `unknown`,
 * which pools with nothing but itself.
 */
export async function recordExperimentEffects(
  q: Queryable,
  orgId: string,
  input: {
    experimentId: string;
    phase: number;
    metric: DecisionMetricId;
    testedVariable?: string | null;
    reportArtifactId?: string | null;
    effects: ArmEffectInput[];
  },
): Promise<{ recorded: number; vertical: string }> {
  const metric = DecisionMetricIdSchema.parse(input.metric);
  const [exp] = await q
    .select({ clientId: experiments.clientId, adVertical: clients.adVertical, industry: clients.industry })
    .from(experiments)
    .innerJoin(clients, and(eq(clients.id, experiments.clientId), eq(clients.orgId, orgId)))
    .where(and(eq(experiments.orgId, orgId), eq(experiments.id, input.experimentId)))
    .limit(1);
  if (!exp) throw new EffectsError('not_found', `experiment ${input.experimentId} not found`);
  const vertical = verticalOf(exp) ?? 'unknown';
  if (input.effects.length === 0) return { recorded: 0, vertical };
  const rows = input.effects.map((e) => {
    const lift = EffectLift.safeParse(e.lift);
    if (!lift.success)
      throw new EffectsError(
        'invalid',
        `effect of arm ${e.armId}: ${lift.error.issues[0]?.message ?? 'invalid'}`,
      );
    return {
      orgId,
      clientId: exp.clientId,
      experimentId: input.experimentId,
      phase: input.phase,
      vertical,
      metric,
      testedVariable: input.testedVariable ?? null,
      armId: e.armId,
      lift: lift.data,
      reportArtifactId: input.reportArtifactId ?? null,
    };
  });
  const stored = await q
    .insert(experimentEffects)
    .values(rows)
    .onConflictDoUpdate({
      target: [experimentEffects.experimentId, experimentEffects.phase, experimentEffects.armId],
      set: {
        lift: sql`excluded.lift`,
        metric: sql`excluded.metric`,
        testedVariable: sql`excluded.tested_variable`,
        reportArtifactId: sql`excluded.report_artifact_id`,
      },
      // Never rewrite another org's row, whatever ids a caller passes.
      setWhere: sql`${experimentEffects.orgId} = ${orgId}`,
    })
    .returning({ id: experimentEffects.id });
  return { recorded: stored.length, vertical };
}

export interface PoolableEffect {
  group: string;
  lift: number;
  se: number;
  clientId: string;
  experimentId: string;
  phase: number;
  armId: string;
  reportArtifactId: string | null;
}

/**
 * The org's recorded effects of a metric, every vertical, as `pooledEffects` takes them (`group` = vertical).
 * Rows whose lift does not parse or whose standard error is not positive carry no information and are left out.
 */
export async function listEffectsForPooling(
  q: Queryable,
  orgId: string,
  input: { metric: DecisionMetricId },
): Promise<PoolableEffect[]> {
  const rows = await q
    .select()
    .from(experimentEffects)
    .where(and(eq(experimentEffects.orgId, orgId), eq(experimentEffects.metric, input.metric)))
    .orderBy(experimentEffects.createdAt, experimentEffects.id);
  return rows.flatMap((r) => {
    const lift = EffectLift.safeParse(r.lift);
    if (!lift.success || !(lift.data.se > 0)) return [];
    return [
      {
        group: r.vertical,
        lift: lift.data.lift,
        se: lift.data.se,
        clientId: r.clientId,
        experimentId: r.experimentId,
        phase: r.phase,
        armId: r.armId,
        reportArtifactId: r.reportArtifactId,
      },
    ];
  });
}

/** Every recorded effect of the org (any metric), for the playbook's evidence. */
export async function listExperimentEffects(
  q: Queryable,
  orgId: string,
  opts: { limit?: number } = {},
): Promise<(typeof experimentEffects.$inferSelect & { lift: EffectLift | null })[]> {
  const rows = await q
    .select()
    .from(experimentEffects)
    .where(eq(experimentEffects.orgId, orgId))
    .orderBy(sql`${experimentEffects.createdAt} desc`, sql`${experimentEffects.id} desc`)
    .limit(opts.limit ?? 200);
  return rows.map((r) => {
    const lift = EffectLift.safeParse(r.lift);
    return { ...r, lift: lift.success ? lift.data : null };
  });
}

/**
 * The prior a client's next experiment on `metric` gets: the org's effects pooled by vertical (empirical Bayes,
 * `pooledEffects`), read for the client's vertical. Null when the client has no vertical or its vertical has no
 * effects yet; `effects` counts the org's effects that were pooled (every vertical informs the shrinkage).
 * Effects of clients without a vertical (`unknown`) are no vertical's evidence and are left out.
 */
export async function priorFor(
  q: Queryable,
  orgId: string,
  input: { clientId: string; metric: DecisionMetricId },
): Promise<{ prior: PlanPrior | null; effects: number } | null> {
  const client = await clientVertical(q, orgId, input.clientId);
  if (!client) return null;
  const effects = (await listEffectsForPooling(q, orgId, input)).filter((e) => e.group !== 'unknown');
  if (!client.vertical) return { prior: null, effects: effects.length };
  const pooled = pooledEffects(effects).get(client.vertical);
  // A prior needs a usable spread (a single effect with an unusable se gives none).
  if (!pooled || !(pooled.sd > 0) || !Number.isFinite(pooled.mean))
    return { prior: null, effects: effects.length };
  return {
    prior: {
      vertical: client.vertical,
      metric: input.metric,
      mean: pooled.mean,
      sd: pooled.sd,
      experiments: pooled.k,
    },
    effects: effects.length,
  };
}

/** The recorded effects of the experiments the given reports read out (by report artifact id), org-scoped. */
export async function listEffectsOfReports(
  q: Queryable,
  orgId: string,
  reportArtifactIds: readonly string[],
): Promise<
  {
    reportArtifactId: string;
    experimentId: string;
    metric: string;
    armId: string;
    lift: EffectLift;
  }[]
> {
  if (reportArtifactIds.length === 0) return [];
  const rows = await q
    .select()
    .from(experimentEffects)
    .where(
      and(
        eq(experimentEffects.orgId, orgId),
        inArray(experimentEffects.reportArtifactId, [...reportArtifactIds]),
      ),
    )
    .orderBy(experimentEffects.createdAt, experimentEffects.armId);
  return rows.flatMap((r) => {
    const lift = EffectLift.safeParse(r.lift);
    if (!lift.success || !r.reportArtifactId) return [];
    return [
      {
        reportArtifactId: r.reportArtifactId,
        experimentId: r.experimentId,
        metric: r.metric,
        armId: r.armId,
        lift: lift.data,
      },
    ];
  });
}
