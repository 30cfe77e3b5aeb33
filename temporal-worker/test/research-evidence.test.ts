import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  artifacts,
  createClient,
  createOnboardingPayload,
  createWorkflowRun,
  type Database,
  ensureOrg,
  llmCalls,
} from '@mos/db';
import {
  artifactExamples,
  ClientCanon,
  canonRules,
  RESEARCH_STEP_KEYS,
  ResearchStep,
  type ResearchStepKey,
} from '@mos/db/artifacts';
import { createDb, migrate } from '@mos/db/node';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DraftRef, onboardingActivities } from '../src/activities/onboarding';
import { researchActivities } from '../src/activities/research';
import { createLlmClient } from '../src/llm/client';
import { type OpenAiStandIn, startOpenAiStandIn } from '../src/testing/openai-stand-in';

/** The day the research "runs": evidence older than 2024-11-20 is stale. */
const NOW = new Date('2026-11-20T09:00:00Z');

/** The stand-in's research answers (what a model writes per step). */
const FIXTURES = JSON.parse(
  readFileSync(new URL('../src/testing/fixtures/research-steps.json', import.meta.url), 'utf8'),
) as Record<ResearchStepKey, Record<string, unknown> & { quoteBank: { quote: string }[] | null }>;

const INTAKE = {
  businessType: 'existing',
  brandStory:
    'Lumen & Moss: three fragrance-free products built around the skin barrier, sold in the US and UK.',
  offers: ['Barrier Reset Serum'],
  constraints: 'Cosmetic claims only.',
  competitorDomains: ['cerave.com'],
  funnelNotes: null,
  businessModel: null,
  primaryMarkets: ['US', 'UK'],
  primaryLanguages: ['en-US', 'en-GB'],
  goals: null,
  notes: null,
};

let database: Database;
let standIn: OpenAiStandIn;
beforeAll(async () => {
  database = await createDb('pglite:memory');
  await migrate(database);
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  standIn = await startOpenAiStandIn();
});
afterEach(async () => {
  await standIn.close();
});

const env = () =>
  new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR', () => undefined) });

/** A client with an intake and an onboarding run, and the activities over a real LLM client and the stand-in. */
async function onboarding(opts: { webSearch?: boolean } = {}) {
  const db = database.db;
  const org = await ensureOrg(db, { externalId: `org_${randomUUID()}`, name: 'Agency' });
  const client = await createClient(db, org.id, {
    name: 'Lumen & Moss',
    industry: 'skincare',
    primaryMarkets: ['US', 'UK'],
    primaryLanguages: ['en-US', 'en-GB'],
  });
  const payload = await createOnboardingPayload(db, org.id, {
    clientId: client.id,
    data: INTAKE,
    createdBy: null,
  });
  const run = await createWorkflowRun(db, {
    id: randomUUID(),
    orgId: org.id,
    clientId: client.id,
    campaignId: null,
    kind: 'client_onboarding',
    temporalWorkflowId: `research-test-${randomUUID()}`,
    temporalRunId: randomUUID(),
    input: {},
    startedBy: null,
  });
  const llm = createLlmClient({
    db,
    apiKey: 'sk-test-stand-in',
    baseURL: standIn.baseURL,
    model: 'gpt-5.2',
    ...(opts.webSearch === undefined ? {} : { webSearch: opts.webSearch }),
  });
  const deps = { db, llm, clock: () => NOW };
  const research = researchActivities(deps);
  const build = onboardingActivities(deps);
  const ids = { orgId: org.id, clientId: client.id, onboardingPayloadId: payload.id };
  const step = (stepKey: ResearchStepKey) =>
    env().run(research.runResearchStep, {
      ...ids,
      parentRunId: run.id,
      stepKey,
      summaries: {},
      handoff: null,
    });
  const stored = async (stepKey: ResearchStepKey) => {
    const [row] = await db
      .select()
      .from(artifacts)
      .where(and(eq(artifacts.workflowRunId, run.id), eq(artifacts.stepKey, `research:${stepKey}`)));
    return { id: row?.id ?? '', step: ResearchStep.parse(row?.data) };
  };
  const canon = async (researchArtifactIds: string[]) => {
    const ref: DraftRef = await env().run(build.buildCanonDraft, {
      ...ids,
      runId: run.id,
      researchArtifactIds,
      feedback: null,
      attempt: 1,
      previousArtifactId: null,
    });
    const [row] = await db.select().from(artifacts).where(eq(artifacts.id, ref.artifactId));
    return ClientCanon.parse(row?.data);
  };
  const calls = () =>
    db.select().from(llmCalls).where(eq(llmCalls.workflowRunId, run.id)).orderBy(asc(llmCalls.createdAt));
  const gateEdit = (edited: ClientCanon) =>
    env().run(build.saveGateEdit, {
      orgId: org.id,
      runId: run.id,
      clientId: client.id,
      campaignId: null,
      gate: 'canon' as const,
      edited,
      approvalId: randomUUID(),
    });
  return { step, stored, canon, calls, gateEdit };
}

const researchRequests = (key: ResearchStepKey) =>
  standIn.requests.filter(
    (r) => r.schemaName === 'ResearchStep' && r.text.includes(`MOS research step ${key}`),
  );

describe('research evidence with web search', () => {
  it('marks provider citations and model-stated URLs, flags stale sources by the clock, keeps only cited sources', async () => {
    const o = await onboarding();
    for (const key of ['01', '03', '04'] as const) await o.step(key);
    const step04 = (await o.stored('04')).step;
    const records = new Map(step04.evidence.map((e) => [e.id, e]));
    // The stand-in's search returned the Reddit page (url_citation); the TikTok URL is only in the model's text.
    expect(records.get('q1')).toMatchObject({ provenance: 'provider_citation', stale: false });
    expect(records.get('q6')).toMatchObject({
      provenance: 'model_stated',
      publishedAt: '2024-06',
      stale: true,
    });
    expect(records.get('c2')).toMatchObject({
      provenance: 'provider_citation',
      publishedAt: '2022-02',
      stale: true,
    });
    expect(records.get('c3')).toMatchObject({ publishedAt: null, stale: false });
    expect(step04.sources.map((s) => s.url)).not.toContain('https://www.tiktok.com/@skinwithsam/video/7301');
    expect(step04.sources.length).toBeGreaterThan(3);
    expect(step04).toMatchObject({
      researchedAt: '2026-11-20',
      webSearchUsed: true,
      fromModelKnowledge: false,
    });
    expect(researchRequests('04')[0]?.text).toContain('Web search is ON for this step.');
  });

  it('refuses a quote bank entry that is not word for word in its evidence and feeds it back', async () => {
    const o = await onboarding();
    for (const key of ['01', '03'] as const) await o.step(key);
    const good = FIXTURES['04'];
    const paraphrased = structuredClone(good);
    const first = paraphrased.quoteBank?.[0];
    if (!first) throw new Error('fixture quote bank');
    first.quote = 'The first serum in years that never made my cheeks burn.';
    let asked = 0;
    standIn.setFixture('ResearchStep', () => (asked++ === 0 ? paraphrased : good));

    await o.step('04');
    const requests = researchRequests('04');
    expect(requests).toHaveLength(2);
    const fedBack = requests[1]?.messages.at(-1)?.content ?? '';
    expect(fedBack).toContain('quoteBank.0.quote: Not found word for word in evidence "q1"');
    const step04 = (await o.stored('04')).step;
    expect(step04.quoteBank?.[0]?.quote).toBe(good.quoteBank?.[0]?.quote);
    expect((await o.calls()).map((c) => c.status)).toEqual(['ok', 'ok', 'error', 'ok']);
  });

  it('builds the canon from the evidence: sourced verbatim quotes, beliefs of steps 08/09, one ICP per avatar', async () => {
    const o = await onboarding();
    for (const key of RESEARCH_STEP_KEYS) await o.step(key);
    const ids = await Promise.all(RESEARCH_STEP_KEYS.map(async (k) => (await o.stored(k)).id));

    // First answer: a paraphrased quote and one ICP too many; both are fed back with the rule's sentence.
    const example = artifactExamples.client_canon;
    const wrong = structuredClone(example);
    const quote = wrong.voiceOfCustomer.quotes[0];
    const icp = wrong.icps[0];
    if (!quote || !icp) throw new Error('example canon');
    quote.quote = 'The first serum in years that did not burn my cheeks.';
    wrong.icps.push({ ...icp, id: 'third-icp' });
    let asked = 0;
    standIn.setFixture('ClientCanon', () => (asked++ === 0 ? wrong : example));

    const canon = await o.canon(ids);
    const requests = standIn.requests.filter((r) => r.schemaName === 'ClientCanon');
    expect(requests).toHaveLength(2);
    const fedBack = requests[1]?.messages.at(-1)?.content ?? '';
    expect(fedBack).toContain(`voiceOfCustomer.quotes.0.quote: ${canonRules.vocVerbatim.statement}`);
    expect(fedBack).toContain(`icps: ${canonRules.icpPerAvatar.statement} The avatar brief has 2 avatar(s)`);
    // The schema sent lets quotes cite only customer quotes of the evidence table.
    const schema = JSON.stringify(requests[0]?.jsonSchema);
    expect(schema).toContain('"04:q1"');
    expect(schema).not.toContain('"04:c4"');
    // The prompt carried the earlier steps in full and the evidence table.
    const step04 = (await o.stored('04')).step;
    expect(requests[0]?.text).toContain(step04.content);
    expect(requests[0]?.text).toContain('| 04:q6 | quote | customer |');

    expect(canon.voiceOfCustomer.quotes[0]).toEqual({
      quote: example.voiceOfCustomer.quotes[0]?.quote,
      evidenceRef: '04:q1',
      sourceUrl: 'https://www.reddit.com/r/SkincareAddiction/',
    });
    expect(canon.beliefs.necessary).toEqual((await o.stored('08')).step.necessaryBeliefs);
    expect(canon.beliefs.iBelieve).toEqual((await o.stored('09')).step.iBelieveStatements);
    expect(canon.icps).toHaveLength(2);
    expect(canon.research).toMatchObject({ sourceArtifactIds: ids, fromModelKnowledge: false });

    // A reviewer's edit may change anything but a customer's words.
    const reworded = structuredClone(canon);
    const edited = reworded.voiceOfCustomer.quotes[0];
    if (!edited) throw new Error('quotes');
    edited.quote = 'First serum in years that did not sting my cheeks.';
    const refused = await o.gateEdit(reworded);
    expect(refused).toEqual({
      ok: false,
      reason: expect.stringContaining(`voiceOfCustomer.quotes.0.quote: ${canonRules.vocVerbatim.statement}`),
    });
    const kept = await o.gateEdit({
      ...canon,
      brand: { ...canon.brand, mission: 'Calm skin in three steps.' },
    });
    expect(kept).toMatchObject({ ok: true });
  });
});

describe('research with web search off (OPENAI_WEB_SEARCH=false)', () => {
  it('says so in the prompts and marks the drafts and the canon "from model knowledge, not searched"', async () => {
    const o = await onboarding({ webSearch: false });
    for (const key of RESEARCH_STEP_KEYS) await o.step(key);

    const first = researchRequests('01')[0];
    expect(first?.path).toBe('/v1/chat/completions');
    expect(first?.tools).toEqual([]);
    expect(first?.text).toContain('Web search is OFF for this run: you cannot search.');
    expect(researchRequests('04')[0]?.text).toContain('Web search is OFF for this run');
    expect(researchRequests('06')[0]?.text).toContain(
      'the earlier research below was not web-searched either',
    );

    for (const key of RESEARCH_STEP_KEYS) {
      const { step } = await o.stored(key);
      expect({ key, webSearchUsed: step.webSearchUsed, fromModelKnowledge: step.fromModelKnowledge }).toEqual(
        {
          key,
          webSearchUsed: false,
          fromModelKnowledge: true,
        },
      );
      expect(step.sources).toEqual([]);
      // No search ran, so no URL came from a search.
      for (const e of step.evidence) expect(e.provenance).toBe('model_stated');
    }

    const ids = await Promise.all(RESEARCH_STEP_KEYS.map(async (k) => (await o.stored(k)).id));
    const canon = await o.canon(ids);
    expect(canon.research?.fromModelKnowledge).toBe(true);
    const canonRequest = standIn.requests.find((r) => r.schemaName === 'ClientCanon');
    expect(canonRequest?.text).toContain('The research below is from model knowledge, not searched');
  });
});
