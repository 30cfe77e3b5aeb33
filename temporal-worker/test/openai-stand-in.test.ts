import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  AssetBriefSet,
  assetBriefSetOutput,
  ClientCanon,
  checkAssetFormat,
  checkStrategyBudget,
  ExperimentReport,
  ExperimentSpecSet,
  exampleIds,
  formatSpecOf,
  generatedAssetSetOutput,
  MetricSchema,
  Playbook,
  QAReport,
  RESEARCH_STEP_KEYS,
  ResearchStep,
  researchStepOutput,
  StrategySheet,
  toStoredAsset,
} from '@mos/db/artifacts';
import OpenAI from 'openai';
import { zodResponseFormat as sdkZodResponseFormat } from 'openai/helpers/zod';
import { toStrictJsonSchema } from '../src/llm/strict-schema';

/** What MOS sends: the strict-subset JSON Schema of a zod schema (the SDK helper's output keeps maxLength & co). */
const zodResponseFormat = (schema: z.ZodType, name: string) => ({
  type: 'json_schema' as const,
  json_schema: { name, strict: true, schema: toStrictJsonSchema(schema) },
});
const zodTextFormat = (schema: z.ZodType, name: string) => ({
  type: 'json_schema' as const,
  name,
  strict: true,
  schema: toStrictJsonSchema(schema),
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type OpenAiStandIn, startOpenAiStandIn } from '../src/testing/openai-stand-in';

/** The stand-in's research documents per step (its fixture data). */
const RESEARCH_FIXTURE = JSON.parse(
  readFileSync(new URL('../src/testing/fixtures/research-steps.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, unknown>>;

let standIn: OpenAiStandIn;
let openai: OpenAI;
beforeEach(async () => {
  standIn = await startOpenAiStandIn();
  openai = new OpenAI({ apiKey: 'sk-test', baseURL: standIn.baseURL, maxRetries: 0 });
});
afterEach(async () => {
  await standIn.close();
});

async function chat<T>(schema: z.ZodType<T>, name: string, prompt: string, system = 'You are a strategist.') {
  const completion = await openai.chat.completions.create({
    model: 'gpt-5.2',
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: prompt },
    ],
    response_format: zodResponseFormat(schema, name),
  });
  return { completion, json: JSON.parse(completion.choices[0]?.message.content ?? 'null') as unknown };
}

describe('chat completions (structured output)', () => {
  const schemas = {
    ClientCanon,
    MetricSchema,
    StrategySheet,
    ExperimentSpecSet,
    AssetBriefSet,
    QAReport,
    ExperimentReport,
    Playbook,
    ResearchStep: researchStepOutput('01'),
  } as const;

  it.each(Object.keys(schemas) as (keyof typeof schemas)[])(
    'answers %s with a schema-valid document',
    async (name) => {
      const schema: z.ZodType = schemas[name];
      const { completion, json } = await chat(schema, name, 'Write it.');
      const parsed = schema.safeParse(json);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(completion.object).toBe('chat.completion');
      expect(completion.choices[0]?.finish_reason).toBe('stop');
      expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
      expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
      expect(completion.usage?.total_tokens).toBe(
        (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
      );
      expect(standIn.requests[0]?.outcome).toBe('example');
    },
  );

  it('adopts the ids the prompt names (client, campaign, org; "none" → null)', async () => {
    const clientId = randomUUID();
    const campaignId = randomUUID();
    const orgId = randomUUID();
    const briefs = await chat(
      AssetBriefSet,
      'AssetBriefSet',
      `- Client id: ${clientId}\n- Campaign id: ${campaignId}`,
    );
    const set = AssetBriefSet.parse(briefs.json);
    expect(set.clientId).toBe(clientId);
    expect(set.campaignId).toBe(campaignId);
    expect(set.assetBriefs.every((b) => b.clientId === clientId && b.campaignId === campaignId)).toBe(true);

    const sheet = await chat(StrategySheet, 'StrategySheet', `Client id: ${clientId}\nCampaign id: none`);
    expect(StrategySheet.parse(sheet.json).campaignId).toBeNull();

    const playbook = await chat(Playbook, 'Playbook', `- Org id: ${orgId}\n- Client id: none`);
    const pb = Playbook.parse(playbook.json);
    expect(pb.orgId).toBe(orgId);
    expect(pb.clientId).toBeNull();

    // Without id lines the example ids stay.
    const canon = await chat(ClientCanon, 'ClientCanon', 'Build the canon.');
    expect(ClientCanon.parse(canon.json).clientId).toBe(exampleIds.clientId);
  });

  it('answers ResearchStep per requested step with its structured part (what the model writes, nothing more)', async () => {
    const contents = new Set<string>();
    const parts = {
      '01': 'landingPageMap',
      '03': 'handoff',
      '04': 'quoteBank',
      '06': 'avatars',
      '07': 'offerBrief',
      '08': 'necessaryBeliefs',
      '09': 'iBelieveStatements',
    } as const;
    for (const key of RESEARCH_STEP_KEYS) {
      const prompt = `# MOS research step ${key}: something\nDo the research.`;
      const output = researchStepOutput(key);
      const { json } = await chat(output, 'ResearchStep', prompt, 'You are the research lead.');
      const step = output.parse(json);
      // The step's own part is the one its research fixture holds.
      expect(step[parts[key]]).toEqual(RESEARCH_FIXTURE[key]?.[parts[key]]);
      expect(step.handoff === null).toBe(key !== '03');
      expect(Object.keys(json as object)).not.toContain('sources');
      contents.add(step.content);
    }
    expect(contents.size).toBe(RESEARCH_STEP_KEYS.length);
  });

  it('fits the example strategy sheet to the campaign the prompt states (budget range, currency, timeframe)', async () => {
    const campaign = { budgetMin: 5000, budgetMax: 8000, timeframeDays: 20, currency: 'EUR' };
    const prompt =
      `## Campaign\n${JSON.stringify({ name: 'Spring', ...campaign, currency: undefined }, null, 2)}\n` +
      '- Market: market DE; language de-DE; currency EUR';
    const fitted = StrategySheet.parse((await chat(StrategySheet, 'StrategySheet', prompt)).json);
    expect(fitted.budget).toEqual({ total: 8000, currency: 'EUR' });
    expect(fitted.phases.reduce((n, p) => n + p.budget, 0)).toBeCloseTo(8000, 2);
    expect(fitted.phases.at(-1)?.endDay).toBe(20);
    expect(checkStrategyBudget(fitted, campaign)).toEqual([]);
    // A prompt that states no campaign leaves the example as it is.
    const plain = StrategySheet.parse((await chat(StrategySheet, 'StrategySheet', 'Plan it.')).json);
    expect(plain.budget).toEqual({ total: 20000, currency: 'USD' });
  });

  it('lists the assets named on the "Asset ids to review" line in a QAReport', async () => {
    const { json } = await chat(
      QAReport,
      'QAReport',
      'Brief id: brief-1\nAsset ids to review: r1v1, r1v2, r2v1\n',
    );
    const report = QAReport.parse(json);
    expect(report.checklist.map((c) => c.assetId)).toEqual(['r1v1', 'r1v2', 'r2v1']);
    expect(report.assetBriefId).toBe('brief-1');
    expect(report.checklist.flatMap((c) => c.issues.map((i) => i.kind))).not.toContain('compliance');
  });

  it('writes GeneratedAssetSet variants shaped by the requirement format and count', async () => {
    const ask = async (count: number, channel: string, format: string) => {
      const schema = generatedAssetSetOutput(formatSpecOf({ channel, format }));
      const prompt = `Write ${count} distinct ad variants\nChannel: ${channel}\nFormat: ${format}`;
      return schema.parse((await chat(schema, 'GeneratedAssetSet', prompt)).json).assets.map(toStoredAsset);
    };
    const video = await ask(2, 'tiktok', 'video_15s');
    expect(video).toHaveLength(2);
    for (const a of video) {
      expect(checkAssetFormat(a, { channel: 'tiktok', format: 'video_15s' })).toEqual([]);
      expect(a.scenes?.at(-1)?.end).toBe(15);
    }
    const still = await ask(3, 'meta', 'static_1080x1080');
    expect(still).toHaveLength(3);
    for (const a of still)
      expect(checkAssetFormat(a, { channel: 'meta', format: 'static_1080x1080' })).toEqual([]);
    expect(still.every((a) => a.scenes === null && a.imagePrompt !== null && a.aspectRatio === '1:1')).toBe(
      true,
    );
    expect(new Set(still.map((a) => a.headline)).size).toBe(3);
    const search = await ask(2, 'google_search', 'search_rsa');
    for (const a of search)
      expect(checkAssetFormat(a, { channel: 'google_search', format: 'search_rsa' })).toEqual([]);
    expect(search.every((a) => (a.headlines?.length ?? 0) >= 3 && a.imagePrompt === null)).toBe(true);
  });

  it('writes the arms of each experiment of the brief schema sent, each with its own tested value', async () => {
    const schema = assetBriefSetOutput({
      experiments: [
        { id: 'hooks', testedVariable: 'hook', variantIds: ['a', 'b', 'c'], channels: ['meta'] },
        { id: 'offers', testedVariable: 'offer', variantIds: ['x', 'y'], channels: ['meta', 'tiktok'] },
      ],
      offerIds: ['serum', 'starter-set'],
      icpIds: ['reactive'],
    });
    const answer = schema.parse(
      (await chat(schema, 'AssetBriefSet', 'Write the briefs.')).json,
    ) as unknown as {
      experiments: Record<string, { arms: Record<string, { hook?: string; offerId?: string }> }>;
    };
    const hooks = Object.values(answer.experiments.hooks?.arms ?? {}).map((arm) => arm.hook);
    expect(new Set(hooks).size).toBe(3);
    const offers = Object.values(answer.experiments.offers?.arms ?? {}).map((arm) => arm.offerId);
    expect(offers).toEqual(['serum', 'starter-set']);
  });

  it('synthesizes a valid document for a schema without an example', async () => {
    const Custom = z.strictObject({
      id: z.uuid(),
      slug: z.string().regex(/^[a-z0-9-]+$/),
      kind: z.enum(['alpha', 'beta']),
      count: z.int().min(3).max(9),
      // Lengths are not sent (strict mode refuses minLength/maxLength): only what the schema sent says counts.
      note: z.string().min(1).max(40).nullable(),
      tags: z.array(z.string().min(1)).min(2).max(4),
      nested: z.strictObject({ ok: z.boolean(), url: z.string().regex(/^https:\/\/\S+$/) }),
    });
    const { json } = await chat(Custom, 'CustomThing', 'anything');
    const parsed = Custom.safeParse(json);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.tags).toHaveLength(2);
    expect(standIn.requests[0]?.outcome).toBe('synthesized');
  });

  it('records what was asked: path, model, schema name, messages, tools', async () => {
    await chat(ClientCanon, 'ClientCanon', 'Reviewer feedback: make it warmer', 'SYS');
    const [rec] = standIn.requests;
    expect(rec).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      api: 'chat.completions',
      model: 'gpt-5.2',
      schemaName: 'ClientCanon',
      tools: [],
      status: 200,
    });
    expect(rec?.messages).toEqual([
      { role: 'system', content: 'SYS' },
      { role: 'user', content: 'Reviewer feedback: make it warmer' },
    ]);
    expect(rec?.text).toContain('make it warmer');
    expect(rec?.answer).toBe(JSON.stringify(ClientCanon.parse(JSON.parse(rec?.answer ?? '{}'))));
  });
});

describe('fixtures', () => {
  it('setFixture (value or function) wins over the fixtures option, which wins over the examples', async () => {
    const optionValue = { clientId: randomUUID() };
    const local = await startOpenAiStandIn({
      fixtures: (name) => (name === 'Thing' ? optionValue : undefined),
    });
    try {
      const sdk = new OpenAI({ apiKey: 'k', baseURL: local.baseURL, maxRetries: 0 });
      const Thing = z.strictObject({ clientId: z.string() });
      const ask = async (name: string) => {
        const c = await sdk.chat.completions.create({
          model: 'm',
          messages: [{ role: 'user', content: 'x' }],
          response_format: zodResponseFormat(Thing, name),
        });
        return JSON.parse(c.choices[0]?.message.content ?? 'null') as unknown;
      };
      expect(await ask('Thing')).toEqual(optionValue);
      local.setFixture('Thing', { clientId: 'fixed' });
      expect(await ask('Thing')).toEqual({ clientId: 'fixed' });
      local.setFixture('Thing', (req: { text: string }) => ({ clientId: `echo:${req.text}` }));
      expect(await ask('Thing')).toEqual({ clientId: 'echo:x' });
      local.setFixture('Thing', undefined);
      expect(await ask('Thing')).toEqual(optionValue);
      expect(local.requests.map((r) => r.outcome)).toEqual([
        'fixture',
        'custom-fixture',
        'custom-fixture',
        'fixture',
      ]);
    } finally {
      await local.close();
    }
  });
});

describe('injected failures', () => {
  it('429 carries OpenAI error JSON and is a RateLimitError in the SDK', async () => {
    standIn.failNext({ status: 429 });
    const err = await chat(ClientCanon, 'ClientCanon', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(429);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('rate_limit_exceeded');
    expect((err as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({
      type: 'tokens',
      param: null,
    });
    expect((err as Error).message).toMatch(/^429 Rate limit reached/);
  });

  it('500 and 503 are InternalServerErrors; count applies the failure to that many requests', async () => {
    standIn.failNext({ status: 500 }, 2);
    standIn.failNext({ status: 503 });
    const statuses: (number | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const err = await chat(ClientCanon, 'ClientCanon', 'x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.InternalServerError);
      statuses.push((err as InstanceType<typeof OpenAI.APIError>).status);
    }
    expect(statuses).toEqual([500, 500, 503]);
    const ok = await chat(ClientCanon, 'ClientCanon', 'x');
    expect(ClientCanon.safeParse(ok.json).success).toBe(true);
  });

  it('invalid-json serves unparseable content; schema-violation serves JSON the schema refuses', async () => {
    standIn.failNext('invalid-json');
    standIn.failNext('schema-violation');
    const broken = await openai.chat.completions.create({
      model: 'gpt-5.2',
      messages: [{ role: 'user', content: 'x' }],
      response_format: zodResponseFormat(ClientCanon, 'ClientCanon'),
    });
    expect(() => JSON.parse(broken.choices[0]?.message.content ?? '')).toThrow(SyntaxError);
    const violating = await chat(ClientCanon, 'ClientCanon', 'x');
    expect(ClientCanon.safeParse(violating.json).success).toBe(false);
    expect(standIn.requests.map((r) => r.outcome)).toEqual(['invalid-json', 'schema-violation']);
  });
});

describe('schema-driven mode and provider refusals', () => {
  it('answers with seeded values valid under the schema sent, no fixture involved; the same seed answers the same', async () => {
    const Output = researchStepOutput('03');
    standIn.setMode({ kind: 'schema', seed: 5 });
    const a = await chat(Output, 'ResearchStep', 'MOS research step 03');
    expect(standIn.requests[0]?.outcome).toBe('schema-driven');
    const sent = toStrictJsonSchema(Output);
    expect(Object.keys(a.json as object)).toEqual(Object.keys((sent as { properties: object }).properties));
    expect(typeof (a.json as { handoff: unknown }).handoff).toBe('string');
    standIn.setMode({ kind: 'schema', seed: 5 });
    const b = await chat(Output, 'ResearchStep', 'anything else');
    expect(b.json).toEqual(a.json);
    standIn.setMode({ kind: 'schema', seed: 6 });
    expect((await chat(Output, 'ResearchStep', 'x')).json).not.toEqual(a.json);
    // Fixtures again: the example, reduced to the fields asked for.
    standIn.setMode({ kind: 'fixtures' });
    const fixture = await chat(researchStepOutput('01'), 'ResearchStep', 'MOS research step 01');
    expect(Object.keys(fixture.json as object).sort()).toEqual(
      Object.keys(researchStepOutput('01').shape).sort(),
    );
  });

  it('401 and 404 as OpenAI sends them (SDK AuthenticationError / NotFoundError); a refusal as message.refusal', async () => {
    standIn.failNext({ status: 401 });
    standIn.failNext({ status: 404 });
    standIn.failNext('refusal');
    const first = await chat(ClientCanon, 'ClientCanon', 'x').catch((e: unknown) => e);
    expect(first).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((first as Error).message).toContain('Incorrect API key provided');
    const second = await chat(ClientCanon, 'ClientCanon', 'x').catch((e: unknown) => e);
    expect(second).toBeInstanceOf(OpenAI.NotFoundError);
    expect((second as Error).message).toContain('does not exist');
    const refused = await openai.chat.completions.create({
      model: 'gpt-5.2',
      messages: [{ role: 'user', content: 'x' }],
      response_format: zodResponseFormat(ClientCanon, 'ClientCanon'),
    });
    expect(refused.choices[0]?.message).toMatchObject({
      content: null,
      refusal: expect.stringContaining('sorry'),
    });
  });
});

describe('requests the real API refuses', () => {
  it('a keyword strict mode does not support (maxLength from the SDK helper) → 400 naming it', async () => {
    const helper = sdkZodResponseFormat(z.strictObject({ name: z.string().max(10) }), 'Named');
    const { $schema: _drop, ...schema } = helper.json_schema.schema as Record<string, unknown>;
    const err = await openai.chat.completions
      .create({
        model: 'gpt-5.2',
        messages: [{ role: 'user', content: 'x' }],
        response_format: { ...helper, json_schema: { ...helper.json_schema, schema } },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toMatch(
      /Invalid schema for response_format 'Named': .*"maxLength" is not permitted/,
    );
  });

  it('a non-strict schema → 400 naming the problem, like OpenAI', async () => {
    const err = await openai.chat.completions
      .create({
        model: 'gpt-5.2',
        messages: [{ role: 'user', content: 'x' }],
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'Loose',
            strict: true,
            schema: {
              type: 'object',
              properties: { a: { type: 'string' }, b: { type: 'string' } },
              required: ['a'],
              additionalProperties: false,
            },
          },
        },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toContain("Missing 'b'");

    const open = await openai.chat.completions
      .create({
        model: 'gpt-5.2',
        messages: [{ role: 'user', content: 'x' }],
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'Open',
            strict: true,
            schema: {
              type: 'object',
              properties: {
                inner: { type: 'object', properties: { c: { type: 'string' } }, required: ['c'] },
              },
              required: ['inner'],
              additionalProperties: false,
            },
          },
        },
      })
      .catch((e: unknown) => e);
    expect(open).toBeInstanceOf(OpenAI.BadRequestError);
    expect((open as Error).message).toContain("In context=('properties', 'inner'), 'additionalProperties'");
  });

  it('401 without a bearer token; 404 with error JSON for unknown paths; 400 without a model', async () => {
    const base = standIn.baseURL;
    const noAuth = await fetch(`${base}/chat/completions`, { method: 'POST', body: '{}' });
    expect(noAuth.status).toBe(401);
    expect(((await noAuth.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');

    const headers = { authorization: 'Bearer k', 'content-type': 'application/json' };
    const unknown = await fetch(`${base}/embeddings`, { method: 'POST', headers, body: '{}' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain(
      '/v1/embeddings',
    );

    const noModel = await fetch(`${base}/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(noModel.status).toBe(400);
    expect(((await noModel.json()) as { error: { param: string } }).error.param).toBe('model');
  });

  it('GET /v1/models lists models through the SDK', async () => {
    const page = await openai.models.list();
    expect(page.data.map((m) => m.id)).toContain('gpt-5.2');
    expect((await openai.models.retrieve('gpt-5-mini')).id).toBe('gpt-5-mini');
  });
});

describe('responses API', () => {
  const ask = (step: '04' | '09', tools: boolean) =>
    openai.responses.create({
      model: 'gpt-5.2',
      instructions: 'You are the research lead.',
      input: [{ type: 'message', role: 'user', content: `# MOS research step ${step}: Deep research\nGo.` }],
      ...(tools ? { tools: [{ type: 'web_search' as const }] } : {}),
      text: { format: zodTextFormat(researchStepOutput(step), 'ResearchStep') },
      store: false,
    });
  const citedUrls = (response: Awaited<ReturnType<typeof ask>>) => {
    const message = response.output.find((o) => o.type === 'message');
    const part = message?.type === 'message' ? message.content[0] : undefined;
    const annotations = part?.type === 'output_text' ? part.annotations : [];
    for (const a of annotations) {
      if (a.type === 'url_citation')
        expect(response.output_text.slice(a.start_index, a.end_index)).toBe(a.url);
    }
    return annotations.flatMap((a) => (a.type === 'url_citation' ? [a.url] : []));
  };

  it('with web_search: a web_search_call item, output_text and url_citation annotations for the pages it found', async () => {
    const response = await ask('04', true);
    expect(response.object).toBe('response');
    expect(response.status).toBe('completed');
    expect(response.output.map((o) => o.type)).toEqual(['web_search_call', 'message']);
    const step = researchStepOutput('04').parse(JSON.parse(response.output_text));
    expect(step.quoteBank?.length).toBeGreaterThanOrEqual(5);
    // Cited: the answer's URLs the search returned; the TikTok and Byoma URLs are only in the model's text.
    const written = [...new Set(step.evidence.flatMap((e) => (e.url === null ? [] : [e.url])))];
    const cited = citedUrls(response);
    expect(cited.length).toBeGreaterThan(3);
    expect(cited).toEqual(written.filter((u) => !/tiktok|byoma/.test(u)));
    const search = response.output.find((o) => o.type === 'web_search_call');
    expect(JSON.stringify(search)).toContain(cited[0]);
    expect(response.usage?.input_tokens).toBeGreaterThan(0);
    expect(response.usage?.output_tokens).toBeGreaterThan(0);

    const [rec] = standIn.requests;
    expect(rec).toMatchObject({
      path: '/v1/responses',
      api: 'responses',
      schemaName: 'ResearchStep',
      tools: ['web_search'],
    });
    expect(rec?.messages[0]).toEqual({ role: 'system', content: 'You are the research lead.' });
  });

  it('cites exactly the pages its search index holds (setSearchResults), nothing without web_search', async () => {
    standIn.setSearchResults([{ url: 'https://www.tiktok.com/@skinwithsam/video/7301', title: 'TikTok' }]);
    expect(citedUrls(await ask('04', true))).toEqual(['https://www.tiktok.com/@skinwithsam/video/7301']);
    standIn.setSearchResults([]);
    expect(citedUrls(await ask('04', true))).toEqual([]);
    standIn.setSearchResults(null);
    expect(citedUrls(await ask('04', true)).length).toBeGreaterThan(3);
    const plain = await ask('04', false);
    expect(plain.output.map((o) => o.type)).toEqual(['message']);
    expect(citedUrls(plain)).toEqual([]);
  });

  it('injects failures on the responses path too', async () => {
    standIn.failNext({ status: 429 });
    const err = await openai.responses
      .create({ model: 'gpt-5.2', input: 'x', text: { format: zodTextFormat(ResearchStep, 'ResearchStep') } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
  });
});

describe('CLI', () => {
  it('starts on the given port, prints OPENAI_BASE_URL, serves the API, and exits on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('../src/testing/openai-stand-in-cli.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
    const child = spawn(tsx, [cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const baseURL = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`CLI printed no base URL: ${out}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /OPENAI_BASE_URL=(\S+)/.exec(out);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const sdk = new OpenAI({ apiKey: 'k', baseURL, maxRetries: 0 });
      const c = await sdk.chat.completions.create({
        model: 'gpt-5.2',
        messages: [{ role: 'user', content: 'x' }],
        response_format: zodResponseFormat(MetricSchema, 'MetricSchema'),
      });
      expect(MetricSchema.safeParse(JSON.parse(c.choices[0]?.message.content ?? '')).success).toBe(true);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
