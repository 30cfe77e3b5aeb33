import { artifacts, assets, createWorkflowRun } from '@mos/db';
import {
  type AssetBrief,
  AssetBriefSet,
  artifactExamples,
  checkAssetFormat,
  complianceJudgeClausePlatform,
  QAReport,
  toStoredAsset,
} from '@mos/db/artifacts';
import type { WorkflowStatusSnapshot } from '@mos/db/contracts';
import { MockActivityEnvironment } from '@temporalio/testing';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftAsset, GeneratedAssetContent } from '../src/activities/creative';
import { createActivities } from '../src/activities/index';
import { applicableClauses, platformOf } from '../src/compliance';
import type { RecordedRequest } from '../src/testing/openai-stand-in';
import { recordHistory } from './support/histories';
import { generatedAssets, plannedCampaign } from './support/production';
import { review, type Stack, startStack, type Tenant } from './support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  stack.llm.setFixture('GeneratedAssetSet', generatedAssets);
}, 120_000);
afterAll(async () => {
  await stack?.close();
}, 60_000);

async function waitAtAssets(
  t: Tenant,
  runId: string,
  check: (s: WorkflowStatusSnapshot) => boolean = () => true,
) {
  return stack.waitFor(
    async () => {
      const live = (await t.operator.workflows.get.query({ runId })).live as WorkflowStatusSnapshot | null;
      return live?.waitingFor === 'assets' && live.draftArtifactIds.length > 0 && check(live) ? live : null;
    },
    { what: `run ${runId} waiting at the assets gate`, timeoutMs: 30_000 },
  );
}

/** The assets a run generated (content.generation.runId). */
const runAssets = (runId: string) =>
  stack.db
    .select()
    .from(assets)
    .where(sql`${assets.content} @> ${JSON.stringify({ generation: { runId } })}::jsonb`)
    .orderBy(assets.createdAt, assets.id);

/** The clause ids the compliance judge's schema admits (the enum of `findings[].clauseId`). */
function clauseEnum(request: RecordedRequest | undefined): string[] {
  const schema = request?.jsonSchema as {
    properties: { findings: { items: { properties: { clauseId: { enum: string[] } } } } };
  };
  return schema.properties.findings.items.properties.clauseId.enum;
}

/** The ads the compliance judge was shown (the JSON block of its prompt). */
function adsOf(request: RecordedRequest): { assetId: string; platform: string; channel: string }[] {
  const json = /## The ads[\s\S]*?```json\n([\s\S]*?)\n```/.exec(request.text)?.[1] ?? '[]';
  return JSON.parse(json) as { assetId: string; platform: string; channel: string }[];
}

/** What a model writes that finds one policy problem in the first asset of the judge's prompt, on its platform. */
function judgeFinding(clauseWord: string, phrase: string) {
  return (request: RecordedRequest) => {
    const first = adsOf(request)[0];
    const clauseId =
      clauseEnum(request).find((id) => id.startsWith(`${first?.platform}.`) && id.includes(clauseWord)) ?? '';
    return {
      findings: [
        {
          assetId: first?.assetId ?? '',
          field: 'primaryText',
          clauseId,
          severity: 'blocker',
          phrase,
          explanation: 'Implies the reader has a skin condition; speak about the product instead.',
        },
      ],
    };
  };
}

/** A generated asset as QA receives it: a Meta static by default, with what a test changes. */
function draftAsset(over: Partial<DraftAsset> & Pick<DraftAsset, 'key'>): DraftAsset {
  return {
    briefId: 'b',
    requirementIndex: 0,
    variantIndex: 0,
    channel: 'meta',
    format: 'static_1080x1080',
    funnelStage: null,
    angle: 'Barrier',
    headline: 'Calm skin',
    hook: 'Stinging skin?',
    primaryText: null,
    headlines: null,
    descriptions: null,
    scenes: null,
    script: null,
    cta: null,
    aspectRatio: null,
    imagePrompt: null,
    ...over,
  };
}

describe('CreativeProduction end to end through worker-api', () => {
  it('generates, QAs and persists assets per brief, then decides them per item', async () => {
    const t = await stack.newTenant();
    const plan = await plannedCampaign(stack, t, { briefs: true });
    const experimentId = plan.experimentIds['hook-barrier-vs-ingredients'] ?? '';
    const since = stack.llm.requests.length;

    const { runId, workflowId } = await t.operator.creatives.produce.mutate({
      campaignId: plan.campaignId,
      experimentIds: [experimentId],
    });
    expect(workflowId).toMatch(new RegExp(`^creative-production-${plan.campaignId}-`));
    const gate = await waitAtAssets(t, runId);

    // The example briefs of the selected experiment: 2 briefs × 2 requirements × 2 variants.
    const rows = await runAssets(runId);
    expect(rows).toHaveLength(8);
    const briefs = artifactExamples.asset_brief.assetBriefs;
    for (const row of rows) {
      const content = row.content as GeneratedAssetContent;
      const brief = briefs.find((b) => b.id === content.generation.briefId) as AssetBrief;
      const requirement = brief.requirements[content.generation.requirementIndex];
      expect(row).toMatchObject({
        orgId: t.orgId,
        clientId: plan.clientId,
        campaignId: plan.campaignId,
        experimentId,
        variantId: brief.variantId,
        assetBriefArtifactId: plan.briefArtifactId,
        sourceType: 'generated',
        channelId: requirement?.channel,
        format: requirement?.format,
        conceptId: brief.id,
      });
      // Written to the platform's format: every format rule holds on what was stored.
      expect(checkAssetFormat(content, requirement ?? { channel: '', format: '' })).toEqual([]);
      expect(content).toMatchObject({ cta: 'shop_now', headlines: null, descriptions: null });
      const qa = row.qa as {
        passed: boolean;
        issues: { kind: string; message: string; phrase: string | null }[];
      };
      if (content.generation.variantIndex === 0) {
        // Clean copy quoting the real price and guarantee passes both checks.
        expect(row.status).toBe('qa_passed');
        expect(qa.passed).toBe(true);
        expect(qa.issues.filter((i) => i.kind === 'compliance')).toEqual([]);
      } else {
        expect(row.status).toBe('qa_failed');
        expect(qa.passed).toBe(false);
        const compliance = qa.issues.filter((i) => i.kind === 'compliance').map((i) => i.phrase);
        expect(compliance).toEqual(expect.arrayContaining(['miracle', '$29']));
      }
      expect(row.qaReportArtifactId).not.toBeNull();
    }
    const videoRow = rows.find((r) => r.format === 'video_30s');
    expect((videoRow?.content as GeneratedAssetContent | undefined)?.script).toContain('0-3s');

    // One qa_report per brief, citing the stored asset ids.
    expect(gate.draftArtifactIds).toHaveLength(2);
    for (const reportId of gate.draftArtifactIds) {
      const report = await t.operator.artifacts.get.query({ id: reportId });
      expect(report).toMatchObject({ type: 'qa_report', status: 'draft', campaignId: plan.campaignId });
      const doc = QAReport.parse(report.data);
      const ofBrief = rows.filter((r) => r.qaReportArtifactId === reportId);
      expect(doc.checklist.map((c) => c.assetId).sort()).toEqual(ofBrief.map((r) => r.id).sort());
      expect(doc.checklist.filter((c) => c.passed)).toHaveLength(2);
    }

    // What the LLM was asked: one generation per requirement, one brand judgement per brief, with the canon's voice.
    const asked = stack.llm.requests.slice(since);
    expect(asked.filter((r) => r.schemaName === 'GeneratedAssetSet')).toHaveLength(4);
    // Each generation states its format's rules and carries the brief: the test, market, prices and guardrails.
    const generation = asked
      .filter((r) => r.schemaName === 'GeneratedAssetSet')
      .map((r) => r.text)
      .join('\n');
    expect(generation).toContain('The hook appears word for word within the first 125 characters');
    expect(generation).toContain('"testedVariable": "hook"');
    expect(generation).toContain('"currency": "USD"');
    expect(generation).toContain(JSON.stringify(briefs[0]?.guardrails[0]));
    const judge = asked.filter((r) => r.schemaName === 'QAReport');
    expect(judge).toHaveLength(2);
    expect(judge[0]?.text).toContain(artifactExamples.client_canon.brand.toneOfVoice.dont[0]);
    expect(judge[0]?.text).toMatch(/Asset ids to review: r1v1, r1v2, r2v1, r2v2/);
    // The compliance judge, once per brief, may cite only the clauses of the assets' platform and vertical.
    const policyJudge = asked.filter((r) => r.schemaName === 'ComplianceJudgement');
    expect(policyJudge).toHaveLength(2);
    for (const request of policyJudge) {
      const platforms = new Set(adsOf(request).map((a) => platformOf(a.channel)));
      expect(platforms.size).toBeGreaterThan(0);
      expect(clauseEnum(request)).toEqual(
        [...platforms].flatMap((p) => applicableClauses(p, 'skincare')).map((c) => c.id),
      );
    }
    expect(policyJudge[0]?.text).toContain(complianceJudgeClausePlatform.statement);

    // A decision naming an unknown id is refused as a whole; the gate keeps waiting.
    const [a, b, c] = rows.map((r) => r.id);
    await review(stack, t.operator, {
      runId,
      gate: 'assets',
      decision: 'approve',
      approvedIds: [a ?? '', '00000000-0000-4000-8000-000000000000'],
    });
    await waitAtAssets(t, runId, (s) => (s.lastError ?? '').includes('unknown item id'));
    expect((await runAssets(runId)).filter((r) => r.status === 'approved')).toHaveLength(0);

    await review(stack, t.operator, {
      runId,
      gate: 'assets',
      decision: 'approve',
      approvedIds: [a ?? '', b ?? ''],
      rejectedIds: [c ?? ''],
    });
    const after = await stack.waitFor(
      async () => {
        const now = await runAssets(runId);
        const approved = now.filter((r) => r.status === 'approved').map((r) => r.id);
        const rejected = now.filter((r) => r.status === 'rejected').map((r) => r.id);
        return approved.length === 2 && rejected.length === 1 ? { approved, rejected } : null;
      },
      { what: 'two approved and one rejected asset' },
    );
    expect(after.approved.sort()).toEqual([a, b].sort());
    expect(after.rejected).toEqual([c]);
    // Still waiting: five assets are undecided.
    await waitAtAssets(t, runId, (s) => s.lastError === null);

    // Approve without ids: every undecided asset.
    await review(stack, t.operator, { runId, gate: 'assets', decision: 'approve' });
    await stack.waitForRunStatus(t.orgId, runId, 'completed');
    const final = await runAssets(runId);
    expect(final.filter((r) => r.status === 'approved')).toHaveLength(7);
    expect(final.filter((r) => r.status === 'rejected').map((r) => r.id)).toEqual([c]);
    const handle = await stack.handleOf(t.orgId, runId);
    expect(await handle.result()).toMatchObject({ briefArtifactId: plan.briefArtifactId, rejectedIds: [c] });
    const approvals = (await t.operator.workflows.get.query({ runId })).approvals;
    expect(approvals).toHaveLength(3);
    await recordHistory(handle, 'creative-production');
  }, 90_000);

  it('builds briefs from the approved specs, regenerates every asset on a rejection with feedback, and stops', async () => {
    const t = await stack.newTenant();
    const plan = await plannedCampaign(stack, t, { briefs: false });
    const since = stack.llm.requests.length;
    const { runId } = await t.operator.creatives.produce.mutate({ campaignId: plan.campaignId });
    const first = await waitAtAssets(t, runId);

    // No approved brief set: a draft was built from the approved specs (one brief per experiment variant).
    const [briefRow] = await stack.db
      .select()
      .from(artifacts)
      .where(and(eq(artifacts.workflowRunId, runId), eq(artifacts.type, 'asset_brief')));
    expect(briefRow).toMatchObject({ status: 'draft', stepKey: 'asset_briefs', campaignId: plan.campaignId });
    const firstAssets = await runAssets(runId);
    expect(firstAssets.length).toBeGreaterThan(0);
    // Assets of the offer experiment carry its experiments row.
    expect(new Set(firstAssets.map((r) => r.experimentId))).toEqual(
      new Set(Object.values(plan.experimentIds)),
    );

    const feedback = 'Lead with the 60-day guarantee in every hook.';
    await review(stack, t.operator, { runId, gate: 'assets', decision: 'reject', feedback });
    const second = await waitAtAssets(t, runId, (s) => s.attempt === 2);
    expect(second.draftArtifactIds).not.toEqual(first.draftArtifactIds);
    const all = await runAssets(runId);
    const retired = all.filter((r) => firstAssets.some((f) => f.id === r.id));
    expect(retired.every((r) => r.status === 'rejected')).toBe(true);
    const fresh = all.filter((r) => !firstAssets.some((f) => f.id === r.id));
    expect(fresh).toHaveLength(firstAssets.length);
    expect(fresh.every((r) => (r.content as GeneratedAssetContent).generation.attempt === 2)).toBe(true);
    const regenerations = stack.llm.requests
      .slice(since)
      .filter((r) => r.schemaName === 'GeneratedAssetSet' && r.text.includes(feedback));
    expect(regenerations.length).toBeGreaterThan(0);
    expect(regenerations[0]?.text).toContain('A miracle for reactive skin');

    await t.operator.workflows.stop.mutate({ runId });
    await stack.waitForRunStatus(t.orgId, runId, 'cancelled');
    const handle = await stack.handleOf(t.orgId, runId);
    expect(await handle.result()).toEqual({ stopped: true });
    // Undecided assets stay as QA left them.
    expect(fresh.every((r) => r.status === 'qa_passed' || r.status === 'qa_failed')).toBe(true);
    await recordHistory(handle, 'creative-production-stopped');
  }, 90_000);

  it('a US + DE campaign gets briefs and assets for both markets, each written in its market language and currency', async () => {
    const t = await stack.newTenant();
    const plan = await plannedCampaign(stack, t, { briefs: false, usAndDe: true });
    const since = stack.llm.requests.length;
    const { runId } = await t.operator.creatives.produce.mutate({ campaignId: plan.campaignId });
    await waitAtAssets(t, runId);

    const [briefRow] = await stack.db
      .select()
      .from(artifacts)
      .where(and(eq(artifacts.workflowRunId, runId), eq(artifacts.type, 'asset_brief')));
    const briefs = AssetBriefSet.parse(briefRow?.data).assetBriefs;
    const markets = new Map(briefs.map((b) => [b.id, b.market]));
    expect(new Set(briefs.map((b) => JSON.stringify(b.market)))).toEqual(
      new Set([
        JSON.stringify({ countries: ['US'], language: 'en-US', currency: 'USD' }),
        JSON.stringify({ countries: ['DE'], language: 'de-DE', currency: 'EUR' }),
      ]),
    );
    expect(briefs.filter((b) => b.id.endsWith('-de-brief'))).toHaveLength(briefs.length / 2);

    // Every brief got its assets, stored with the market they were written for.
    const rows = await runAssets(runId);
    const byBrief = new Map<string, number>();
    for (const row of rows) {
      const content = row.content as GeneratedAssetContent;
      expect(content.market).toEqual(markets.get(content.generation.briefId));
      byBrief.set(content.generation.briefId, (byBrief.get(content.generation.briefId) ?? 0) + 1);
    }
    expect([...byBrief.keys()].sort()).toEqual(briefs.map((b) => b.id).sort());

    // The German ads are asked for in German from the start, not translated; prices only in euros.
    const asked = stack.llm.requests
      .slice(since)
      .filter((r) => r.schemaName === 'GeneratedAssetSet' && r.text.includes(plan.campaignId));
    const german = asked.filter((r) =>
      r.text.includes('- Market, language and currency of these ads: market DE'),
    );
    const english = asked.filter((r) =>
      r.text.includes('- Market, language and currency of these ads: market US'),
    );
    expect(german.length).toBeGreaterThan(0);
    expect(german.length + english.length).toBe(asked.length);
    for (const r of german) {
      expect(r.text).toContain('market DE; language de-DE; currency EUR');
      expect(r.text).toContain('Write natively for that market');
      expect(r.text).not.toContain('"currency": "USD"');
    }
    for (const r of english) expect(r.text).toContain('market US; language en-US; currency USD');

    await t.operator.workflows.stop.mutate({ runId });
    await stack.waitForRunStatus(t.orgId, runId, 'cancelled');
  }, 90_000);

  it('routes ad-policy findings (rules and the compliance judge) to the assets gate in the QA report', async () => {
    const t = await stack.newTenant();
    const plan = await plannedCampaign(stack, t, { briefs: true });
    const experimentId = plan.experimentIds['hook-barrier-vs-ingredients'] ?? '';
    const violating = {
      angle: 'Scarcity',
      headline: 'Only 3 left, ends tonight',
      // Meta's format rule: the hook opens the primary text.
      primaryText:
        'Do you have sensitive, acne-prone skin? Still hiding your skin? Barrier Reset Serum, $38, with our 60-day guarantee.',
      hook: 'Do you have sensitive, acne-prone skin?',
      imagePrompt:
        'Split-screen: left her inflamed cheeks, right the same face with clear skin 4 weeks later',
    };
    stack.llm.setFixture('GeneratedAssetSet', (r: RecordedRequest) => ({
      assets: generatedAssets(r).assets.map((a, i) => (i === 0 ? { ...a, ...violating } : a)),
    }));
    stack.llm.setFixture('ComplianceJudgement', judgeFinding('personal', 'Still hiding your skin?'));
    try {
      const { runId } = await t.operator.creatives.produce.mutate({
        campaignId: plan.campaignId,
        experimentIds: [experimentId],
      });
      const gate = await waitAtAssets(t, runId);
      const rows = await runAssets(runId);
      const first = rows.filter((r) => (r.content as GeneratedAssetContent).generation.variantIndex === 0);
      expect(first.length).toBeGreaterThan(0);
      for (const row of first) expect(row.status).toBe('qa_failed');

      const cited = new Map<string, { source: string; phrase: string | null }[]>();
      for (const reportId of gate.draftArtifactIds) {
        const doc = QAReport.parse((await t.operator.artifacts.get.query({ id: reportId })).data);
        for (const item of doc.checklist) {
          for (const issue of item.issues) {
            if (!issue.policy) continue;
            expect(issue.kind).toBe('compliance');
            expect(issue.policy.url).toMatch(/^https:\/\//);
            expect(issue.policy.clauseId.startsWith(`${issue.policy.platform}.`)).toBe(true);
            const list = cited.get(issue.policy.category) ?? [];
            list.push({ source: issue.policy.source, phrase: issue.phrase });
            cited.set(issue.policy.category, list);
          }
        }
      }
      // The rules: urgency, personal attributes, before/after; the judge: the implied attribute the rules missed.
      expect(cited.get('false_urgency')?.map((c) => c.phrase)).toEqual(
        expect.arrayContaining(['Only 3 left', 'ends tonight']),
      );
      expect(cited.get('before_after')?.every((c) => c.source === 'rule')).toBe(true);
      expect(cited.get('personal_attributes')?.map((c) => c.source)).toEqual(
        expect.arrayContaining(['rule', 'judge']),
      );
      expect(cited.get('personal_attributes')).toEqual(
        expect.arrayContaining([{ source: 'judge', phrase: 'Still hiding your skin?' }]),
      );
      const handle = await stack.handleOf(t.orgId, runId);
      await review(stack, t.operator, { runId, gate: 'assets', decision: 'approve' });
      await handle.result();
    } finally {
      stack.llm.setFixture('GeneratedAssetSet', generatedAssets);
      stack.llm.setFixture('ComplianceJudgement', undefined);
    }
  }, 90_000);
});

/** Runs an activity function in a MockActivityEnvironment (activity context, heartbeats), typed by the function. */
function inActivity<A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> {
  return new MockActivityEnvironment().run<A, R, (...args: A) => Promise<R>>(fn, ...args);
}

/** A workflow_runs row for an activity called outside a workflow (llm_calls reference their run). */
async function runRow(t: Tenant, plan: { clientId: string; campaignId: string }): Promise<string> {
  const runId = crypto.randomUUID();
  await createWorkflowRun(stack.db, {
    id: runId,
    orgId: t.orgId,
    clientId: plan.clientId,
    campaignId: plan.campaignId,
    kind: 'creative_production',
    temporalWorkflowId: `activity-test-${runId}`,
    temporalRunId: runId,
    input: {},
    startedBy: null,
  });
  return runId;
}

describe('creative activities (MockActivityEnvironment)', () => {
  it('compliance QA checks copy against the canon and the client offers', async () => {
    const t = await stack.newTenant();
    const plan = await plannedCampaign(stack, t, { briefs: true });
    const acts = createActivities({ db: stack.db, llm: stack.llmClient, clock: () => new Date() });
    const draft = (key: string, primaryText: string) =>
      draftAsset({ key, primaryText, cta: 'shop_now', aspectRatio: '1:1' });
    const result = await inActivity(acts.complianceQa, {
      orgId: t.orgId,
      runId: crypto.randomUUID(),
      clientId: plan.clientId,
      campaignId: plan.campaignId,
      canonArtifactId: null,
      assets: [
        draft('ok', 'Barrier Reset Serum, $38, with a 60-day guarantee.'),
        draft('price', 'Now only $35!'),
        draft('guarantee', 'Backed by our 90-day money-back guarantee.'),
        draft('banned', 'Say goodbye to eczema: it heals eczema.'),
      ],
    });
    expect(result.ok).toEqual([]);
    expect(result.price?.map((i) => i.phrase)).toEqual(['$35']);
    expect(result.guarantee?.[0]?.message).toMatch(/"90 day" does not match/);
    expect(result.banned?.map((i) => i.phrase)).toEqual(expect.arrayContaining(['heals eczema', 'eczema']));
  });

  it("compliance QA applies the policy packs of each asset's platform and the campaign's declared category", async () => {
    const t = await stack.newTenant();
    const plan = await plannedCampaign(stack, t, { briefs: true });
    const acts = createActivities({ db: stack.db, llm: stack.llmClient, clock: () => new Date() });
    const draft = (key: string, channel: string, primaryText: string) =>
      draftAsset({ key, channel, primaryText });
    const run = () =>
      inActivity(acts.complianceQa, {
        orgId: t.orgId,
        runId: crypto.randomUUID(),
        clientId: plan.clientId,
        campaignId: plan.campaignId,
        canonArtifactId: null,
        assets: [
          draft('ok', 'meta', 'Barrier Reset Serum, $38, with a 60-day guarantee.'),
          draft('attr', 'meta', 'Do you have sensitive, acne-prone skin?'),
          draft('tiktok', 'tiktok', '#1 dermatologist-recommended serum.'),
          draft('loan', 'meta', 'Personal loans up to $5,000 with approval in minutes.'),
        ],
      });
    const before = await run();
    expect(before.ok).toEqual([]);
    const attr = before.attr?.find((i) => i.policy?.category === 'personal_attributes');
    expect(attr).toMatchObject({
      kind: 'compliance',
      severity: 'blocker',
      phrase: 'sensitive, acne-prone skin',
      policy: { clauseId: 'meta.personal-attributes', platform: 'meta', source: 'rule' },
    });
    expect(attr?.policy?.url).toMatch(/^https:\/\/transparency\.meta\.com\//);
    expect(attr?.policy?.clauseText).toContain('personal attributes');
    expect(before.tiktok?.map((i) => i.policy?.clauseId)).toContain(
      'tiktok.misleading-claims.absolute-terms',
    );
    expect(before.loan?.map((i) => i.policy?.clauseId)).toContain('meta.special-ad-category');

    // Declaring the credit category on the campaign (through the API) clears the undeclared-category finding.
    await t.operator.campaigns.update.mutate({ id: plan.campaignId, specialAdCategory: 'credit' });
    const after = await run();
    expect(after.loan?.filter((i) => i.policy?.category === 'special_ad_category')).toEqual([]);
    expect(after.attr?.map((i) => i.policy?.clauseId)).toContain('meta.personal-attributes');

    // The client's declared vertical picks the vertical's own clauses (a finance client's guaranteed returns).
    const returns = draft('returns', 'meta', 'Guaranteed 12% annual returns, zero risk.');
    const scoped = () =>
      inActivity(acts.complianceQa, {
        orgId: t.orgId,
        runId: crypto.randomUUID(),
        clientId: plan.clientId,
        campaignId: plan.campaignId,
        canonArtifactId: null,
        assets: [returns],
      });
    expect((await scoped()).returns?.map((i) => i.policy?.clauseId)).toContain('meta.income-claims');
    await t.admin.clients.update.mutate({ id: plan.clientId, adVertical: 'finance' });
    expect((await scoped()).returns?.map((i) => i.policy?.clauseId)).toContain(
      'meta.finance.guaranteed-returns',
    );
  });

  it("the compliance judge cites only given clauses of the asset's platform; a wrong platform is fed back", async () => {
    const t = await stack.newTenant();
    const plan = await plannedCampaign(stack, t, { briefs: true });
    const acts = createActivities({ db: stack.db, llm: stack.llmClient, clock: () => new Date() });
    const assetsOf = (channel: string, key: string) =>
      draftAsset({
        key,
        channel,
        angle: 'Proof',
        headline: 'The serum skin experts reach for',
        hook: 'What changed my skin',
        primaryText: 'Loved by skin experts everywhere. Barrier Reset Serum, $38.',
      });
    let calls = 0;
    stack.llm.setFixture('ComplianceJudgement', () => {
      calls += 1;
      const clauseId = calls === 1 ? 'google.unreliable-claims.superlatives' : 'meta.unsubstantiated-claims';
      return {
        findings: [
          {
            assetId: 'm1',
            field: 'primaryText',
            clauseId,
            severity: 'blocker',
            phrase: 'Loved by skin experts everywhere',
            explanation: 'An expert endorsement the canon does not substantiate; name the study or drop it.',
          },
          {
            assetId: 'g1',
            field: 'headline',
            clauseId: 'google.unreliable-claims.superlatives',
            severity: 'warning',
            phrase: 'words that are not in the headline',
            explanation: 'Implies expert endorsement.',
          },
        ],
      };
    });
    const since = stack.llm.requests.length;
    try {
      const verdicts = await inActivity(acts.brandQa, {
        orgId: t.orgId,
        runId: await runRow(t, plan),
        clientId: plan.clientId,
        campaignId: plan.campaignId,
        canonArtifactId: null,
        briefId: 'b',
        assets: [assetsOf('meta', 'm1'), assetsOf('google_search', 'g1')],
      });
      const asked = stack.llm.requests.slice(since).filter((r) => r.schemaName === 'ComplianceJudgement');
      expect(asked).toHaveLength(2);
      expect(clauseEnum(asked[0]).sort()).toEqual(
        [...applicableClauses('meta', 'skincare'), ...applicableClauses('google', 'skincare')]
          .map((c) => c.id)
          .sort(),
      );
      // The first answer cited a Google clause for a Meta asset: the rule's sentence went back to the model.
      expect(asked[1]?.text).toContain(complianceJudgeClausePlatform.statement);
      const meta = verdicts.m1?.issues.find((i) => i.policy?.source === 'judge');
      expect(meta).toMatchObject({
        kind: 'compliance',
        severity: 'blocker',
        phrase: 'Loved by skin experts everywhere',
        policy: {
          clauseId: 'meta.unsubstantiated-claims',
          platform: 'meta',
          category: 'unsubstantiated_superlatives',
        },
      });
      expect(verdicts.m1?.passed).toBe(false);
      // A quote that is not in the named field is not shown as the offending words; a warning does not fail QA.
      const google = verdicts.g1?.issues.find((i) => i.policy?.source === 'judge');
      expect(google).toMatchObject({ severity: 'warning', phrase: null, policy: { platform: 'google' } });
      expect(verdicts.g1?.issues.filter((i) => i.kind === 'brand').length).toBeGreaterThanOrEqual(0);
    } finally {
      stack.llm.setFixture('ComplianceJudgement', undefined);
    }
  });

  it('a model that writes anything the schema admits can only cite the clause ids it was given', async () => {
    const t = await stack.newTenant();
    const plan = await plannedCampaign(stack, t, { briefs: true });
    const acts = createActivities({ db: stack.db, llm: stack.llmClient, clock: () => new Date() });
    const asset = (key: string) =>
      draftAsset({
        key,
        channel: 'tiktok',
        format: 'video_15s',
        angle: 'Routine',
        headline: 'Three steps, calm skin',
        hook: 'My evening routine',
        primaryText: 'Barrier Reset Serum, $38.',
        script: '0-3s: creator at the sink.',
      });
    const allowed = applicableClauses('tiktok', 'skincare').map((c) => c.id);
    for (const seed of [3, 11, 29]) {
      const since = stack.llm.requests.length;
      stack.llm.setMode({ kind: 'schema', seed });
      try {
        const verdicts = await inActivity(acts.brandQa, {
          orgId: t.orgId,
          runId: await runRow(t, plan),
          clientId: plan.clientId,
          campaignId: plan.campaignId,
          canonArtifactId: null,
          briefId: 'b',
          assets: [asset('t1')],
        }).catch((err: unknown) => err);
        const asked = stack.llm.requests.slice(since).filter((r) => r.schemaName === 'ComplianceJudgement');
        for (const r of asked) expect(clauseEnum(r)).toEqual(allowed);
        // One asset: the brand judge cannot judge an asset twice, so a schema-valid answer always passes it.
        expect(verdicts).not.toBeInstanceOf(Error);
        expect(asked.length).toBeGreaterThan(0);
        const judged = Object.values(
          verdicts as Record<string, { issues: { policy?: { clauseId: string; source: string } | null }[] }>,
        )
          .flatMap((v) => v.issues)
          .filter((i) => i.policy?.source === 'judge');
        for (const i of judged) expect(allowed).toContain(i.policy?.clauseId);
      } finally {
        stack.llm.setMode({ kind: 'fixtures' });
      }
    }
  });

  it('persisting a brief is idempotent per (run, brief, requirement, variant)', async () => {
    const t = await stack.newTenant();
    const plan = await plannedCampaign(stack, t, { briefs: true });
    const acts = createActivities({ db: stack.db, llm: stack.llmClient, clock: () => new Date() });
    const brief = {
      ...(artifactExamples.asset_brief.assetBriefs[0] as AssetBrief),
      clientId: plan.clientId,
      campaignId: plan.campaignId,
    };
    const runId = crypto.randomUUID();
    await createWorkflowRun(stack.db, {
      id: runId,
      orgId: t.orgId,
      clientId: plan.clientId,
      campaignId: plan.campaignId,
      kind: 'creative_production',
      temporalWorkflowId: `activity-test-${runId}`,
      temporalRunId: runId,
      input: {},
      startedBy: null,
    });
    const base = generatedAssets({ text: 'Format: video_30s' } as never).assets;
    const drafts: DraftAsset[] = base.map((a, i) => ({
      ...toStoredAsset(a),
      key: `r1v${i + 1}`,
      briefId: brief.id,
      requirementIndex: 0,
      variantIndex: i,
      channel: 'meta',
      format: 'video_30s',
      funnelStage: 'awareness',
    }));
    const brand = {
      r1v1: { passed: true, notes: 'on voice', issues: [] },
      r1v2: { passed: true, notes: null, issues: [] },
    };
    const compliance = await inActivity(acts.complianceQa, {
      orgId: t.orgId,
      runId,
      clientId: plan.clientId,
      campaignId: plan.campaignId,
      canonArtifactId: null,
      assets: drafts,
    });
    const input = {
      orgId: t.orgId,
      runId,
      clientId: plan.clientId,
      campaignId: plan.campaignId,
      briefArtifactId: plan.briefArtifactId,
      experimentRowId: plan.experimentIds['hook-barrier-vs-ingredients'] ?? null,
      brief,
      attempt: 1,
      model: 'gpt-5.2',
      assets: drafts,
      brand,
      compliance,
    };
    const first = await inActivity(acts.persistAssets, input);
    const again = await inActivity(acts.persistAssets, input);
    expect(again).toEqual(first);
    expect(first.assets.map((a) => a.status)).toEqual(['qa_passed', 'qa_failed']);
    const rows = await runAssets(runId);
    expect(rows).toHaveLength(2);
    const reports = await stack.db.select().from(artifacts).where(eq(artifacts.workflowRunId, runId));
    expect(reports.map((r) => [r.type, r.stepKey, r.id])).toEqual([
      ['qa_report', `qa_report:1:${brief.id}`, first.qaReportArtifactId],
    ]);
    // A reviewer's decision is not overwritten by a retried persist.
    await inActivity(acts.decideAssets, {
      orgId: t.orgId,
      runId,
      approvedIds: [first.assets[0]?.assetId ?? ''],
      rejectedIds: [],
    });
    const third = await inActivity(acts.persistAssets, input);
    expect(third.assets[0]?.status).toBe('approved');
  });

  it.each([
    [
      'meta',
      'video_30s',
      'headline',
      'Calm, strong, happy skin in three simple steps',
      'On Meta, the headline is at most 40 characters.',
    ],
    [
      'meta',
      'static_1080x1080',
      'primaryText',
      'No hook in this copy at all.',
      'the hook appears word for word within its first 125 characters',
    ],
    [
      'google_search',
      'search_rsa',
      'headlines',
      ['Only one', 'And two'],
      'A Google responsive search ad has 3 to 15 distinct headlines',
    ],
    [
      'google_search',
      'search_rsa',
      'descriptions',
      ['x'.repeat(91), 'Fine.'],
      'A Google responsive search ad has 2 to 4 descriptions',
    ],
    [
      'tiktok',
      'video_15s',
      'scenes',
      [{ start: 0, end: 20, visual: 'One long shot', onScreenText: null, voiceover: null }],
      "ending within the format's duration",
    ],
  ] as const)(
    'generation on %s %s refuses a broken %s, feeds the rule back and keeps the corrected answer',
    async (channel, format, field, broken, statement) => {
      const t = await stack.newTenant();
      const plan = await plannedCampaign(stack, t, { briefs: true });
      const acts = createActivities({ db: stack.db, llm: stack.llmClient, clock: () => new Date() });
      const brief: AssetBrief = {
        ...(artifactExamples.asset_brief.assetBriefs[0] as AssetBrief),
        clientId: plan.clientId,
        campaignId: plan.campaignId,
        requirements: [{ channel, format, angle: 'Barrier repair', hook: null, funnelStage: 'awareness' }],
      };
      let calls = 0;
      stack.llm.setFixture('GeneratedAssetSet', (request: RecordedRequest) => {
        calls += 1;
        const good = generatedAssets(request);
        if (calls > 1) return good;
        const [first, ...rest] = good.assets;
        const written =
          channel === 'google_search'
            ? {
                ...first,
                headline: null,
                primaryText: null,
                headlines: ['Calm Skin Serum', '5% Niacinamide', 'Fragrance-Free'],
                descriptions: ['Barrier care for reactive skin.', 'Try it for 60 days.'],
                scenes: null,
                aspectRatio: null,
                imagePrompt: null,
              }
            : first;
        return { assets: [{ ...written, [field]: broken }, ...rest] };
      });
      const runId = crypto.randomUUID();
      await createWorkflowRun(stack.db, {
        id: runId,
        orgId: t.orgId,
        clientId: plan.clientId,
        campaignId: plan.campaignId,
        kind: 'creative_production',
        temporalWorkflowId: `activity-test-${runId}`,
        temporalRunId: runId,
        input: {},
        startedBy: null,
      });
      try {
        const since = stack.llm.requests.length;
        const result = await inActivity(acts.generateAssets, {
          orgId: t.orgId,
          runId,
          clientId: plan.clientId,
          campaignId: plan.campaignId,
          canonArtifactId: null,
          brief,
          feedback: null,
          previous: null,
        });
        const asked = stack.llm.requests.slice(since).filter((r) => r.schemaName === 'GeneratedAssetSet');
        expect(asked).toHaveLength(2);
        // The second request carries the problem with the rule's sentence, as schema errors are fed back.
        const fedBack = asked[1]?.messages.at(-1)?.content ?? '';
        expect(fedBack).toContain(`assets.0.${field}`);
        expect(fedBack).toContain(statement);
        for (const asset of result.assets) expect(checkAssetFormat(asset, { channel, format })).toEqual([]);
      } finally {
        stack.llm.setFixture('GeneratedAssetSet', generatedAssets);
      }
    },
    30_000,
  );
});
