import { listArtifactsByIds, type Queryable } from '@mos/db';
import {
  type ArtifactData,
  type ClientCanon,
  type ClientCanonOutput,
  canonRules,
  clientCanonOutput,
  type EvidenceRecord,
  evidenceRef,
  type MetricSchema,
  MetricSchemaOutput,
  parseArtifactData,
  quoteFoundIn,
  ResearchStep,
} from '@mos/db/artifacts';
import { GATE_ARTIFACT_TYPES, type Gate } from '@mos/db/contracts';
import type { SchemaIssue } from '../llm/types';
import { artifactActivities } from './artifacts';
import type { ActivityDeps } from './deps';
import { evidenceTable, researchDocument } from './research';
import {
  approvedDoc,
  findStepArtifact,
  issuesText,
  loadDoc,
  loadOnboardingContext,
  metricIds,
} from './shared/documents';
import { asStored, generateStep, saveDraftArtifact } from './shared/llm-step';
import { json, renderFrom, truncate } from './shared/prompts';

export { approvedDoc, issuesText, loadDoc, metricIds } from './shared/documents';
export { withFeedback } from './shared/prompts';

/** What a build step returns to its workflow: ids only, so histories stay small. */
export interface DraftRef {
  artifactId: string;
  version: number;
}

export interface CanonDraftInput {
  orgId: string;
  runId: string;
  clientId: string;
  onboardingPayloadId: string;
  /** The research_step artifacts of this onboarding, in step order. */
  researchArtifactIds: string[];
  /** The reviewer's reason on a regeneration; null on the first draft. */
  feedback: string | null;
  /** 1-based draft number at the gate (part of the idempotency key). */
  attempt: number;
  /** The rejected draft, which the regeneration revises. */
  previousArtifactId: string | null;
}

export interface MetricSchemaDraftInput {
  orgId: string;
  runId: string;
  clientId: string;
  onboardingPayloadId: string;
  /** The canon approved at the previous gate. */
  canonArtifactId: string;
  feedback: string | null;
  attempt: number;
  previousArtifactId: string | null;
}

export interface GateEditInput {
  orgId: string;
  runId: string;
  clientId: string;
  campaignId: string | null;
  gate: Gate;
  edited: unknown;
  approvalId: string;
  /**
   * Per-item gates: items of the current draft already decided, which the edit must keep unchanged (an approved
   * spec already has its experiments row).
   */
  locked?: { artifactId: string; itemIds: string[] } | null;
}

/** `itemIds`: the edited document's items (spec ids of an ExperimentSpecSet; empty for other types). */
export type GateEditResult =
  | { ok: true; artifactId: string; itemIds: string[] }
  | { ok: false; reason: string };

/** The research a canon is built from: the steps in full, their evidence by ref and what the canon checks. */
interface CanonResearchInput {
  steps: ResearchStep[];
  /** `<step>:<id>` → record, across all steps. */
  evidence: Map<string, EvidenceRecord>;
  /** Refs of the customer quotes (what voice-of-customer quotes may cite). */
  customerQuoteRefs: string[];
  /** Step 06's avatars; null without an avatar brief. */
  avatarCount: number | null;
  /** No step was web-searched. */
  fromModelKnowledge: boolean;
}

async function loadResearch(db: Queryable, orgId: string, ids: string[]): Promise<CanonResearchInput> {
  const rows = ids.length === 0 ? [] : await listArtifactsByIds(db, orgId, 'research_step', ids);
  const steps = rows
    .map((r) => ResearchStep.safeParse(r.data))
    .flatMap((p) => (p.success ? [p.data] : []))
    .sort((a, b) => a.stepKey.localeCompare(b.stepKey));
  const evidence = new Map<string, EvidenceRecord>();
  for (const step of steps) for (const e of step.evidence) evidence.set(evidenceRef(step.stepKey, e.id), e);
  const customerQuoteRefs = [...evidence]
    .filter(([, e]) => e.kind === 'quote' && e.sourceType === 'customer')
    .map(([ref]) => ref);
  const avatars = steps.find((s) => s.stepKey === '06')?.avatars ?? null;
  return {
    steps,
    evidence,
    customerQuoteRefs,
    avatarCount: avatars === null ? null : avatars.length,
    fromModelKnowledge: steps.length > 0 && steps.every((s) => s.fromModelKnowledge),
  };
}

/**
 * Code's part of a canon draft: the research's rules the stored schema cannot see (quotes word for word from the
 * evidence they cite, refs that exist, one ICP per avatar), fed back to the model; then the fields code owns.
 */
export function completeCanon(
  answer: ClientCanonOutput,
  research: CanonResearchInput,
  ids: { clientId: string; sourceArtifactIds: string[] },
): { issues: SchemaIssue[]; canon: ClientCanon | null; repairs: string[] } {
  const issues: SchemaIssue[] = [];
  const repairs: string[] = [];
  const hasResearch = research.steps.length > 0;
  const quotes = answer.voiceOfCustomer.quotes.map((q, i) => {
    const path = `voiceOfCustomer.quotes.${i}`;
    if (!hasResearch) {
      if (q.evidenceRef !== null) repairs.push(`${path}.evidenceRef: set to null (no research to cite)`);
      return { quote: q.quote, sourceUrl: null, evidenceRef: null };
    }
    const record = q.evidenceRef === null ? undefined : research.evidence.get(q.evidenceRef);
    if (!record) {
      issues.push({
        path: `${path}.evidenceRef`,
        message: `${canonRules.vocVerbatim.statement} "${q.evidenceRef ?? 'null'}" is not a record of the evidence table.`,
      });
    } else if (record.kind !== 'quote' || record.sourceType !== 'customer') {
      issues.push({
        path: `${path}.evidenceRef`,
        message: `${canonRules.vocVerbatim.statement} ${q.evidenceRef} is a ${record.sourceType} ${record.kind}, not a customer quote.`,
      });
    } else if (!quoteFoundIn(q.quote, record.text)) {
      issues.push({
        path: `${path}.quote`,
        message: `${canonRules.vocVerbatim.statement} It is not found word for word in ${q.evidenceRef}: copy it exactly as the table's text column has it.`,
      });
    }
    return { quote: q.quote, sourceUrl: record?.url ?? null, evidenceRef: q.evidenceRef };
  });
  const refsKnown = (refs: readonly string[], path: string) => {
    refs.forEach((ref, j) => {
      if (!research.evidence.has(ref)) {
        issues.push({
          path: `${path}.${j}`,
          message: `${canonRules.references.statement} "${ref}" is not a record of the evidence table.`,
        });
      }
    });
  };
  answer.claims.forEach((c, i) => {
    refsKnown(c.evidenceRefs, `claims.${i}.evidenceRefs`);
  });
  answer.proof.forEach((p, i) => {
    refsKnown(p.evidenceRefs, `proof.${i}.evidenceRefs`);
  });
  if (research.avatarCount !== null && answer.icps.length !== research.avatarCount) {
    issues.push({
      path: 'icps',
      message: `${canonRules.icpPerAvatar.statement} The avatar brief has ${research.avatarCount} avatar(s); you wrote ${answer.icps.length} ICP(s).`,
    });
  }
  if (issues.length > 0) return { issues, canon: null, repairs };
  const step = (key: string) => research.steps.find((s) => s.stepKey === key);
  const canon: ClientCanon = {
    ...answer,
    clientId: ids.clientId,
    voiceOfCustomer: { ...answer.voiceOfCustomer, quotes },
    beliefs: {
      necessary: step('08')?.necessaryBeliefs ?? [],
      iBelieve: step('09')?.iBelieveStatements ?? [],
    },
    research:
      !hasResearch && answer.research === null
        ? null
        : {
            highlights: answer.research?.highlights ?? [],
            competitors: answer.research?.competitors ?? [],
            sourceArtifactIds: ids.sourceArtifactIds,
            fromModelKnowledge: research.fromModelKnowledge,
          },
  };
  return { issues, canon, repairs };
}

/** What the canon prompt says about how the research was done. */
function canonResearchMode(research: CanonResearchInput): string {
  if (research.steps.length === 0)
    return 'No research was run for this client: write the canon from the intake and the offers.';
  return research.fromModelKnowledge
    ? 'The research below is from model knowledge, not searched: web search was off. Treat its facts as unverified, and mark claims resting on it needs_substantiation.'
    : 'The research below was web-searched; the evidence table says which URLs the search returned.';
}

const scope = (input: { orgId: string; runId: string; clientId: string }) => ({
  orgId: input.orgId,
  runId: input.runId,
  clientId: input.clientId,
  campaignId: null,
});
const draftRef = (d: { artifactId: string; version: number }): DraftRef => ({
  artifactId: d.artifactId,
  version: d.version,
});

/** ClientOnboarding's build steps (canon, metric schema) and the validated edits at every gate. */
export function onboardingActivities(deps: ActivityDeps) {
  const { db, llm } = deps;
  const { saveEditedVersion } = artifactActivities(deps);

  return {
    /** A ClientCanon draft from the intake, the client's offers and the research; keyed (run, `canon:draft:N`). */
    async buildCanonDraft(input: CanonDraftInput): Promise<DraftRef> {
      const stepKey = `canon:draft:${input.attempt}`;
      const done = await findStepArtifact(db, input.orgId, input.runId, stepKey);
      if (done) return { artifactId: done.id, version: done.version };

      const ctx = await loadOnboardingContext(db, input.orgId, input.clientId, input.onboardingPayloadId);
      const research = await loadResearch(db, input.orgId, input.researchArtifactIds);
      const previous = input.previousArtifactId
        ? (await loadDoc(db, input.orgId, input.previousArtifactId, 'client_canon')).data
        : null;
      const offers = ctx.offers.map((o) => ({
        name: o.name,
        description: o.description,
        businessModel: o.businessModel,
        guarantee: o.guaranteeText,
        differentiation: o.differentiationBullets,
        pricePoints: o.pricePoints.map((p) => ({
          label: p.label,
          amount: p.amountCents / 100,
          currency: p.currency,
        })),
      }));
      const markets = {
        primaryMarkets:
          ctx.intake.primaryMarkets.length > 0 ? ctx.intake.primaryMarkets : ctx.client.primaryMarkets,
        primaryLanguages:
          ctx.intake.primaryLanguages.length > 0 ? ctx.intake.primaryLanguages : ctx.client.primaryLanguages,
        priceCurrencies: [...new Set(offers.flatMap((o) => o.pricePoints.map((p) => p.currency)))],
      };
      const sourceArtifactIds = input.researchArtifactIds.slice(0, 20);
      const output =
        research.steps.length > 0 ? clientCanonOutput(research.customerQuoteRefs) : clientCanonOutput();
      const { data } = await generateStep(llm, {
        orgId: input.orgId,
        runId: input.runId,
        step: 'build_canon',
        schemaName: 'ClientCanon',
        output,
        // Exactly what build/client_canon declares (renderFrom refuses a variable its template does not use).
        prompt: renderFrom('build/client_canon', {
          CLIENT_ID: input.clientId,
          CLIENT_NAME: ctx.client.name,
          INTAKE_JSON: json(ctx.intake),
          OFFERS_JSON: json(offers),
          MARKETS_JSON: json(markets),
          RESEARCH_MODE: canonResearchMode(research),
          RESEARCH_DOCUMENTS:
            research.steps.length > 0 ? research.steps.map(researchDocument).join('\n\n') : 'None.',
          EVIDENCE_TABLE: evidenceTable(research.steps),
          FEEDBACK: input.feedback,
          PREVIOUS_DRAFT_JSON: previous ? json(previous) : null,
        }),
        feedback: input.feedback,
        system: CANON_SYSTEM,
        // The document is about this client and this research, whatever the model wrote.
        complete: (answer) => {
          const done = completeCanon(answer, research, { clientId: input.clientId, sourceArtifactIds });
          return done.canon === null
            ? { ok: false, issues: done.issues }
            : asStored('client_canon', done.canon, done.repairs);
        },
      });
      return draftRef(await saveDraftArtifact(db, scope(input), 'client_canon', stepKey, data));
    },

    /**
     * A MetricSchema draft from the approved canon and the markets, languages, funnel and business model the
     * intake names; keyed (run, `metric_schema:draft:N`). Markets and languages are the intake's own.
     */
    async buildMetricSchemaDraft(input: MetricSchemaDraftInput): Promise<DraftRef> {
      const stepKey = `metric_schema:draft:${input.attempt}`;
      const done = await findStepArtifact(db, input.orgId, input.runId, stepKey);
      if (done) return { artifactId: done.id, version: done.version };

      const ctx = await loadOnboardingContext(db, input.orgId, input.clientId, input.onboardingPayloadId);
      const canon = await loadDoc(db, input.orgId, input.canonArtifactId, 'client_canon');
      const previous = input.previousArtifactId
        ? (await loadDoc(db, input.orgId, input.previousArtifactId, 'metric_schema')).data
        : null;
      const markets =
        ctx.intake.primaryMarkets.length > 0 ? ctx.intake.primaryMarkets : ctx.client.primaryMarkets;
      const languages =
        ctx.intake.primaryLanguages.length > 0 ? ctx.intake.primaryLanguages : ctx.client.primaryLanguages;
      const { data } = await generateStep(llm, {
        orgId: input.orgId,
        runId: input.runId,
        step: 'build_metric_schema',
        schemaName: 'MetricSchema',
        output: MetricSchemaOutput,
        prompt: renderFrom('build/metric_schema', {
          CLIENT_ID: input.clientId,
          CLIENT_NAME: ctx.client.name,
          CATEGORY_NICHE: ctx.client.industry?.trim() || 'general',
          CANON_JSON: json(canon.data),
          INTAKE_JSON: json(ctx.intake),
          MARKETS: markets.join(', ') || 'not stated',
          LANGUAGES: languages.join(', ') || 'not stated',
          FUNNEL_NOTES: ctx.intake.funnelNotes ?? 'not stated',
          BUSINESS_MODEL: ctx.intake.businessModel ?? 'not stated',
          FEEDBACK: input.feedback,
          PREVIOUS_DRAFT_JSON: previous ? json(previous) : null,
        }),
        feedback: input.feedback,
        system: METRIC_SYSTEM,
        // Markets and languages are the intake's own; KPIs must name declared metrics (fed back otherwise).
        complete: (schema) =>
          asStored('metric_schema', {
            ...schema,
            clientId: input.clientId,
            markets: markets.length > 0 ? markets.map((m) => truncate(m, 100)).slice(0, 50) : schema.markets,
            languages:
              languages.length > 0 ? languages.map((l) => truncate(l, 50)).slice(0, 30) : schema.languages,
            funnel: schema.funnel ?? (ctx.intake.funnelNotes ? truncate(ctx.intake.funnelNotes, 2000) : null),
            businessModel:
              schema.businessModel ??
              (ctx.intake.businessModel ? truncate(ctx.intake.businessModel, 1000) : null),
          } satisfies MetricSchema),
      });
      return draftRef(await saveDraftArtifact(db, scope(input), 'metric_schema', stepKey, data));
    },

    /**
     * A reviewer's edit at a gate, stored as a new approved human version once it passes the gate's schema and
     * what the schema cannot know: it must stay about the run's client and campaign, and experiment specs may
     * only measure metrics the client's approved metric schema declares. A refused edit returns its reason.
     */
    async saveGateEdit(input: GateEditInput): Promise<GateEditResult> {
      const type = GATE_ARTIFACT_TYPES[input.gate];
      if (type === null)
        return { ok: false, reason: `gate ${input.gate} is decided per item and has no document to edit` };
      const parsed = parseArtifactData(type, input.edited);
      if (!parsed.success) return { ok: false, reason: issuesText(parsed.error.issues) };
      const doc = parsed.data as { clientId?: unknown; campaignId?: unknown };
      if (doc.clientId !== input.clientId)
        return { ok: false, reason: "clientId: must be the run's client id" };
      if ('campaignId' in doc && doc.campaignId !== input.campaignId) {
        return { ok: false, reason: "campaignId: must be the run's campaign id" };
      }
      let itemIds: string[] = [];
      if (type === 'experiment_spec') {
        const specs = (parsed.data as ArtifactData<'experiment_spec'>).experimentSpecs;
        itemIds = specs.map((s) => s.id);
        if (input.locked && input.locked.itemIds.length > 0) {
          const before = (await loadDoc(db, input.orgId, input.locked.artifactId, 'experiment_spec')).data
            .experimentSpecs;
          const changed = input.locked.itemIds.filter((id) => {
            const was = before.find((s) => s.id === id);
            const now = specs.find((s) => s.id === id);
            return !was || !now || JSON.stringify(was) !== JSON.stringify(now);
          });
          if (changed.length > 0) {
            return {
              ok: false,
              reason: `already decided, so they must stay unchanged: ${changed.join(', ')}`,
            };
          }
        }
        const schema = await approvedDoc(db, input.orgId, {
          clientId: input.clientId,
          campaignId: null,
          type: 'metric_schema',
        });
        if (schema) {
          const known = metricIds(schema.data);
          const unknown = specs.flatMap((s, i) =>
            s.metricIds.flatMap((m, j) =>
              known.has(m) ? [] : [`experimentSpecs.${i}.metricIds.${j}: "${m}"`],
            ),
          );
          if (unknown.length > 0) {
            return {
              ok: false,
              reason: `not a metric of the client's approved metric schema: ${unknown.slice(0, 10).join('; ')}`,
            };
          }
        }
      }
      const saved = await saveEditedVersion({
        orgId: input.orgId,
        runId: input.runId,
        clientId: input.clientId,
        campaignId: input.campaignId,
        type,
        stepKey: `${input.gate}:edit:${input.approvalId}`,
        edited: parsed.data,
        approvalId: input.approvalId,
      });
      return saved.ok ? { ok: true, artifactId: saved.artifactId, itemIds } : saved;
    },
  };
}

/** Used only when a template names no system prompt of its own. */
const CANON_SYSTEM =
  "You are a brand strategist at a performance-marketing agency. From an intake, the client's offers and market " +
  'research you write the client canon: what is true about the business. Use only facts from the inputs; keep ' +
  'claims the client cannot prove out of the canon.';
const METRIC_SYSTEM =
  'You are a growth analyst. You define the events and metrics a performance-marketing agency tracks for one ' +
  'client, for the markets, languages, funnel and business model the client actually uses.';
