import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ARTIFACT_SOURCES,
  ARTIFACT_STATUSES,
  ARTIFACT_TYPES,
  type ArtifactType,
  artifactExamples,
  artifactSchemas,
  parseArtifactData,
  RESEARCH_STEP_KEYS,
} from '../src/artifacts/index';

type Json = Record<string, unknown>;

const clone = <T>(value: T): T => structuredClone(value) as T;

/** The string formats OpenAI strict structured output accepts. */
const OPENAI_FORMATS = new Set([
  'date-time',
  'time',
  'date',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
]);

/**
 * Walks a JSON Schema and returns every violation of OpenAI's strict-mode rules: each object lists all its
 * properties in `required` and sets `additionalProperties: false`; no `default`; only supported formats.
 */
function strictModeViolations(node: unknown, path = '#'): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => strictModeViolations(item, `${path}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  const schema = node as Json;
  const problems: string[] = [];
  if (schema.type === 'object' || 'properties' in schema) {
    const properties = (schema.properties ?? {}) as Json;
    const required = new Set((schema.required ?? []) as string[]);
    for (const key of Object.keys(properties)) {
      if (!required.has(key)) problems.push(`${path}: property "${key}" is not required`);
    }
    if (schema.additionalProperties !== false) problems.push(`${path}: additionalProperties is not false`);
  }
  if ('default' in schema) problems.push(`${path}: has a default`);
  if (typeof schema.format === 'string' && !OPENAI_FORMATS.has(schema.format)) {
    problems.push(`${path}: format "${schema.format}" is not supported by OpenAI strict mode`);
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === '$defs' || key === 'definitions') {
      for (const [name, child] of Object.entries(value as Json)) {
        problems.push(...strictModeViolations(child, `${path}/${key}/${name}`));
      }
    } else if (key !== 'required' && key !== 'enum' && typeof value === 'object') {
      problems.push(...strictModeViolations(value, `${path}/${key}`));
    }
  }
  return problems;
}

function issuesOf(type: ArtifactType, data: unknown) {
  const result = parseArtifactData(type, data);
  expect(result.success).toBe(false);
  return result.error?.issues ?? [];
}

describe('artifact registry', () => {
  it('has a schema and an example for every artifact type', () => {
    expect(Object.keys(artifactSchemas).sort()).toEqual([...ARTIFACT_TYPES].sort());
    expect(Object.keys(artifactExamples).sort()).toEqual([...ARTIFACT_TYPES].sort());
    expect(ARTIFACT_STATUSES).toEqual(['draft', 'approved', 'superseded']);
    expect(ARTIFACT_SOURCES).toEqual(['ai', 'human', 'import']);
  });

  it('maps experiment_spec and asset_brief to the set schemas', () => {
    expect(
      parseArtifactData('experiment_spec', artifactExamples.experiment_spec).data?.experimentSpecs,
    ).toHaveLength(2);
    expect(parseArtifactData('asset_brief', artifactExamples.asset_brief).data?.assetBriefs).toHaveLength(2);
  });

  it('refuses an unknown artifact type without throwing', () => {
    const result = parseArtifactData('nope' as ArtifactType, {});
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['type']);
  });
});

describe('strict-mode checker', () => {
  it('flags optional fields, open objects, defaults and unsupported formats at any depth', () => {
    const loose = z.strictObject({
      a: z.string(),
      nested: z.array(z.object({ b: z.string().optional(), c: z.number().default(1), d: z.url() })),
    });
    const problems = strictModeViolations(z.toJSONSchema(loose, { io: 'input' }));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"b" is not required'),
        expect.stringContaining('"c" is not required'),
        expect.stringContaining('additionalProperties is not false'),
        expect.stringContaining('has a default'),
        expect.stringContaining('format "uri"'),
      ]),
    );
  });
});

describe.each(ARTIFACT_TYPES)('%s', (type) => {
  const schema = artifactSchemas[type];
  const example = artifactExamples[type] as Json;

  it('parses its example unchanged', () => {
    const result = parseArtifactData(type, clone(example));
    expect(result.error?.issues ?? []).toEqual([]);
    expect(result.data).toEqual(example);
  });

  it('refuses an undeclared key at the top level and names it', () => {
    const issues = issuesOf(type, { ...clone(example), rawPrompt: 'You are a strategist…' });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['rawPrompt'], path: [] });
    expect(issues[0]?.message).toContain('rawPrompt');
  });

  it('refuses a missing required field and names it', () => {
    const [firstKey] = Object.keys(example);
    const data = clone(example);
    delete data[firstKey as string];
    const issues = issuesOf(type, data);
    expect(issues.map((i) => i.path)).toContainEqual([firstKey]);
  });

  it('refuses undefined where null is meant (no optional fields)', () => {
    const nullableKey = Object.keys(example).find((key) => {
      const data = clone(example);
      data[key] = null;
      return schema.safeParse(data).success;
    });
    if (nullableKey === undefined) return;
    const data = clone(example);
    delete data[nullableKey];
    expect(issuesOf(type, data).map((i) => i.path)).toContainEqual([nullableKey]);
  });

  it('has a JSON Schema that satisfies OpenAI strict mode at every level', () => {
    for (const io of ['output', 'input'] as const) {
      const jsonSchema = z.toJSONSchema(schema, { io }) as Json;
      expect(jsonSchema.type).toBe('object');
      expect(strictModeViolations(jsonSchema)).toEqual([]);
    }
  });
});

describe('bounds and nested strictness', () => {
  it('refuses an over-long string and names the field', () => {
    const canon = clone(artifactExamples.client_canon);
    canon.brand.story = 'x'.repeat(5001);
    const issues = issuesOf('client_canon', canon);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'too_big', path: ['brand', 'story'] });

    const step = clone(artifactExamples.research_step);
    step.content = 'x'.repeat(60_001);
    expect(issuesOf('research_step', step)[0]?.path).toEqual(['content']);
  });

  it('refuses an over-long array', () => {
    const canon = clone(artifactExamples.client_canon);
    canon.brand.values = Array.from({ length: 21 }, (_, i) => `value ${i}`);
    expect(issuesOf('client_canon', canon)[0]).toMatchObject({ code: 'too_big', path: ['brand', 'values'] });
  });

  it('refuses empty and whitespace-only required strings', () => {
    const sheet = clone(artifactExamples.strategy_sheet);
    (sheet.messaging[0] as { title: string }).title = '   ';
    expect(issuesOf('strategy_sheet', sheet)[0]?.path).toEqual(['messaging', 0, 'title']);
  });

  it('refuses an undeclared key in a nested object and names its path', () => {
    const canon = clone(artifactExamples.client_canon) as Json & { research: Json };
    canon.research.precanon_research = { step_summaries: {} };
    const issues = issuesOf('client_canon', canon);
    expect(issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['precanon_research'],
      path: ['research'],
    });
  });

  it('refuses a missing nested field and names its path', () => {
    const specs = clone(artifactExamples.experiment_spec) as unknown as {
      experimentSpecs: { variants: Json[] }[];
    };
    delete specs.experimentSpecs[0]?.variants[1]?.channels;
    expect(issuesOf('experiment_spec', specs).map((i) => i.path)).toContainEqual([
      'experimentSpecs',
      0,
      'variants',
      1,
      'channels',
    ]);
  });

  it('checks ids, uuids, enums and numbers', () => {
    const canon = clone(artifactExamples.client_canon);
    canon.clientId = 'client-1';
    expect(issuesOf('client_canon', canon)[0]).toMatchObject({ code: 'invalid_format', path: ['clientId'] });

    const sheet = clone(artifactExamples.strategy_sheet);
    (sheet.channelPlan[0] as { budgetSplitPercent: number }).budgetSplitPercent = 101;
    expect(issuesOf('strategy_sheet', sheet)[0]?.path).toEqual(['channelPlan', 0, 'budgetSplitPercent']);

    const step = clone(artifactExamples.research_step) as Json;
    step.stepKey = '02';
    step.promptSha256 = 'abc';
    expect(
      issuesOf('research_step', step)
        .map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['promptSha256', 'stepKey']);
    expect(RESEARCH_STEP_KEYS).toEqual(['01', '03', '04', '06', '07', '08', '09']);

    const specs = clone(artifactExamples.experiment_spec);
    const variant = specs.experimentSpecs[0]?.variants[0];
    if (variant) variant.id = 'has spaces';
    expect(issuesOf('experiment_spec', specs)[0]?.path).toEqual(['experimentSpecs', 0, 'variants', 0, 'id']);
  });

  it('checks URLs', () => {
    const canon = clone(artifactExamples.client_canon);
    canon.brand.visualStyleRefs.logoUrl = 'javascript:alert(1)';
    canon.brand.visualStyleRefs.docUrls = ['https://example.com/a b'];
    expect(issuesOf('client_canon', canon).map((i) => i.path.join('.'))).toEqual([
      'brand.visualStyleRefs.logoUrl',
      'brand.visualStyleRefs.docUrls.0',
    ]);
  });

  it('refuses a metric dict where an array of metric values is expected', () => {
    const report = clone(artifactExamples.experiment_report) as unknown as { results: Json[] };
    const result = report.results[0] as Json;
    result.primaryMetrics = { cac: 27.4 };
    expect(issuesOf('experiment_report', report)[0]?.path).toEqual(['results', 0, 'primaryMetrics']);
  });
});

describe('cross-field rules', () => {
  it('refuses duplicate ids', () => {
    const canon = clone(artifactExamples.client_canon);
    const [first, second] = canon.offers;
    if (first && second) second.id = first.id;
    expect(issuesOf('client_canon', canon)[0]).toMatchObject({ path: ['offers', 1] });
  });

  it('refuses KPIs that are not declared metrics', () => {
    const schema = clone(artifactExamples.metric_schema);
    schema.primaryKpis = ['cac', 'ltv'];
    const issues = issuesOf('metric_schema', schema);
    expect(issues[0]).toMatchObject({ path: ['primaryKpis', 1] });
    expect(issues[0]?.message).toContain('ltv');
  });

  it('refuses budget splits above 100%', () => {
    const sheet = clone(artifactExamples.strategy_sheet);
    (sheet.channelPlan[0] as { budgetSplitPercent: number }).budgetSplitPercent = 80;
    expect(issuesOf('strategy_sheet', sheet)[0]).toMatchObject({ path: ['channelPlan'] });
  });

  it('ties the research handoff to step 03', () => {
    const step = clone(artifactExamples.research_step);
    step.stepKey = '03';
    // Step 03 carries none of step 01's structured parts.
    step.competitorTraction = null;
    step.landingPageMap = null;
    expect(issuesOf('research_step', step)[0]).toMatchObject({ path: ['handoff'] });
    step.handoff = 'You are a senior market researcher…';
    expect(parseArtifactData('research_step', step).success).toBe(true);
  });

  it('does not let an asset with a blocker pass QA', () => {
    const report = clone(artifactExamples.qa_report);
    const item = report.checklist[1];
    if (item) item.passed = true;
    expect(issuesOf('qa_report', report)[0]).toMatchObject({ path: ['checklist', 1, 'passed'] });
  });

  it('requires a winning variant exactly for a winner decision', () => {
    const report = clone(artifactExamples.experiment_report);
    const result = report.results[0];
    if (result) result.winningVariantId = null;
    expect(issuesOf('experiment_report', report)[0]).toMatchObject({
      path: ['results', 0, 'winningVariantId'],
    });
  });

  it('keeps every brief of a set on the set client and campaign', () => {
    const set = clone(artifactExamples.asset_brief);
    const brief = set.assetBriefs[1];
    if (brief) brief.campaignId = null;
    expect(issuesOf('asset_brief', set)[0]).toMatchObject({ path: ['assetBriefs', 1, 'campaignId'] });
  });
});
