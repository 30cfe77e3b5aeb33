import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ARTIFACT_SYSTEM_FIELDS,
  artifactExamples,
  assetBriefSetOutput,
  brandQaOutput,
  ClientCanonOutput,
  complianceJudgeOutput,
  ExperimentReportOutput,
  experimentSpecSetOutput,
  formatSpecOf,
  generatedAssetSetOutput,
  MetricSchemaOutput,
  playbookOutput,
  RESEARCH_STEP_KEYS,
  researchStepOutput,
  StrategySheetOutput,
  strategySheetOutput,
} from '@mos/db/artifacts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { briefOutputContext } from '../src/activities/planning';
import {
  STRICT_LIMITS,
  sanitizeStrictSchema,
  strictSchemaProblems,
  toStrictJsonSchema,
} from '../src/llm/strict-schema';
import { seededRandom, valueFromSchema } from '../src/testing/schema-values';

/*
 * OpenAI's Structured Outputs guide ("Supported schemas"), as read for this test: per type only these keywords;
 * every object closed and fully required; an object root; 5000 properties, 10 levels, 1000 enum values.
 * Written out here on purpose (not imported) so a wrong whitelist in the code cannot pass its own test.
 */
const DOCUMENTED: Record<string, string[]> = {
  string: ['pattern', 'format'],
  number: ['multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum'],
  integer: ['multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum'],
  array: ['minItems', 'maxItems', 'items'],
  object: ['properties', 'required', 'additionalProperties'],
  boolean: [],
  null: [],
};
const ANY = ['type', 'description', 'enum', 'const', 'anyOf', '$ref'];
const FORMATS = ['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid'];

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An independent walk: every keyword against the documented list, and the documented limits. */
function documentedProblems(schema: Json): string[] {
  const out: string[] = [];
  let props = 0;
  let enums = 0;
  let deepest = 0;
  if (schema.type !== 'object' || 'anyOf' in schema) out.push('root is not an object');
  const walk = (node: unknown, path: string, depth: number) => {
    deepest = Math.max(deepest, depth);
    if (!isRecord(node)) return void out.push(`${path}: not a schema`);
    const type = typeof node.type === 'string' ? node.type : null;
    const allowed = new Set([
      ...ANY,
      ...(type ? (DOCUMENTED[type] ?? []) : []),
      ...(path === '' ? ['$defs'] : []),
    ]);
    for (const k of Object.keys(node)) if (!allowed.has(k)) out.push(`${path || '(root)'}: ${k}`);
    if (node.format !== undefined && !FORMATS.includes(String(node.format))) out.push(`${path}: format`);
    if (Array.isArray(node.enum)) enums += node.enum.length;
    if (type === 'object') {
      const p = isRecord(node.properties) ? node.properties : {};
      if (node.additionalProperties !== false) out.push(`${path}: open object`);
      const required = Array.isArray(node.required) ? node.required : [];
      for (const [k, v] of Object.entries(p)) {
        props++;
        if (!required.includes(k)) out.push(`${path}.${k}: not required`);
        walk(v, `${path}.${k}`, depth + 1);
      }
    }
    if (type === 'array') walk(node.items, `${path}[]`, depth + 1);
    if (Array.isArray(node.anyOf)) for (const [i, v] of node.anyOf.entries()) walk(v, `${path}|${i}`, depth);
  };
  walk(schema, '', 0);
  if (props > 5000) out.push(`${props} properties`);
  if (deepest > 10) out.push(`nesting ${deepest}`);
  if (enums > 1000) out.push(`${enums} enum values`);
  return out;
}

const specs = artifactExamples.experiment_spec.experimentSpecs;
const metricIds = artifactExamples.metric_schema.events.flatMap((e) => e.metrics.map((m) => m.id));
const reportIds = ['0b6c7a3e-2f4d-4e8a-9b1c-3d5e7f9a1b2c', '7c9e1a2b-3d4f-4a6b-8c0d-2e4f6a8b0c1d'];

/** Every schema MOS sends, by json_schema name, with every per-request variant (research steps, enums). */
const SENT: { name: string; variant: string; schema: z.ZodType }[] = [
  ...RESEARCH_STEP_KEYS.map((k) => ({
    name: 'ResearchStep',
    variant: `step ${k}`,
    schema: researchStepOutput(k),
  })),
  { name: 'ClientCanon', variant: '', schema: ClientCanonOutput },
  { name: 'MetricSchema', variant: '', schema: MetricSchemaOutput },
  { name: 'StrategySheet', variant: '', schema: StrategySheetOutput },
  {
    name: 'StrategySheet',
    variant: 'client currency and ICPs',
    schema: strategySheetOutput({
      currency: 'USD',
      icpIds: artifactExamples.client_canon.icps.map((i) => i.id),
    }),
  },
  { name: 'ExperimentSpecSet', variant: 'metric ids', schema: experimentSpecSetOutput(metricIds) },
  { name: 'ExperimentSpecSet', variant: 'no metric yet', schema: experimentSpecSetOutput([]) },
  {
    name: 'AssetBriefSet',
    variant: 'example specs',
    schema: assetBriefSetOutput(briefOutputContext(specs, artifactExamples.client_canon)),
  },
  ...(
    [
      ['meta', 'video_30s'],
      ['tiktok', 'video_15s'],
      ['meta', 'static_1080x1080'],
      ['google_search', 'search_rsa'],
      ['email', 'email_html'],
      ['meta', 'lp_section'],
    ] as const
  ).map(([channel, format]) => ({
    name: 'GeneratedAssetSet',
    variant: `${channel} ${format}`,
    schema: generatedAssetSetOutput(formatSpecOf({ channel, format })),
  })),
  { name: 'QAReport', variant: '1 asset', schema: brandQaOutput(['r1v1']) },
  {
    name: 'QAReport',
    variant: '40 assets',
    schema: brandQaOutput(Array.from({ length: 40 }, (_, i) => `r${i + 1}v1`)),
  },
  {
    name: 'ComplianceJudgement',
    variant: '2 assets, 3 clauses',
    schema: complianceJudgeOutput(
      ['r1v1', 'r1v2'],
      ['meta.personal_attributes', 'meta.health', 'tiktok.health'],
    ),
  },
  { name: 'ComplianceJudgement', variant: 'no clause applies', schema: complianceJudgeOutput(['r1v1'], []) },
  { name: 'ExperimentReport', variant: '', schema: ExperimentReportOutput },
  { name: 'Playbook', variant: 'reports', schema: playbookOutput(reportIds) },
  { name: 'Playbook', variant: 'no report', schema: playbookOutput([]) },
];

describe('every JSON schema MOS sends is one OpenAI strict Structured Outputs accepts', () => {
  it.each(SENT.map((s) => [`${s.name} ${s.variant}`.trim(), s.schema] as const))('%s', (_label, schema) => {
    const sent = toStrictJsonSchema(schema);
    expect(documentedProblems(sent)).toEqual([]);
    expect(strictSchemaProblems(sent)).toEqual([]);
    // What is stripped stays enforced by zod: an answer made from the sent schema alone may still be refused,
    // but every answer zod accepts is valid under the sent schema's keywords.
    const random = seededRandom(7);
    const value = valueFromSchema(sent, random);
    expect(value).toBeTypeOf('object');
  });

  it('covers every json_schema name the activities send', () => {
    const dir = fileURLToPath(new URL('../src/activities', import.meta.url));
    const files = [
      ...readdirSync(dir).map((f) => join(dir, f)),
      ...readdirSync(join(dir, 'shared')).map((f) => join(dir, 'shared', f)),
    ].filter((f) => f.endsWith('.ts'));
    const named = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(
        /schemaName: '([A-Za-z]+)'|'(ClientCanon|MetricSchema|StrategySheet|ExperimentSpecSet|AssetBriefSet)',\n/g,
      )) {
        named.add(m[1] ?? m[2] ?? '');
      }
    }
    named.delete('');
    expect(named.size).toBeGreaterThanOrEqual(8);
    for (const name of named) expect(SENT.map((s) => s.name)).toContain(name);
  });

  it('the model is never asked for a field code fills', () => {
    const stored = [
      ['ClientCanon', ClientCanonOutput, ARTIFACT_SYSTEM_FIELDS.client_canon],
      ['MetricSchema', MetricSchemaOutput, ARTIFACT_SYSTEM_FIELDS.metric_schema],
      ['StrategySheet', StrategySheetOutput, ARTIFACT_SYSTEM_FIELDS.strategy_sheet],
      ['ResearchStep', researchStepOutput('04'), ARTIFACT_SYSTEM_FIELDS.research_step],
    ] as const;
    for (const [, schema, fields] of stored) {
      const sent = toStrictJsonSchema(schema) as { properties: Record<string, Json> };
      for (const f of fields.filter((x) => !x.includes('.')))
        expect(Object.keys(sent.properties)).not.toContain(f);
    }
    // Briefs: the model writes concepts, requirements and tested values; the test's statement and rules are code's.
    const briefNames = new Set<string>();
    const collect = (node: unknown) => {
      if (Array.isArray(node)) for (const n of node) collect(n);
      else if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node)) {
          if (k === 'properties' && v && typeof v === 'object')
            for (const name of Object.keys(v)) briefNames.add(name);
          collect(v);
        }
    };
    collect(
      toStrictJsonSchema(assetBriefSetOutput(briefOutputContext(specs, artifactExamples.client_canon))),
    );
    for (const f of ARTIFACT_SYSTEM_FIELDS.asset_brief.map((x) => x.split('.').at(-1) ?? x))
      expect(briefNames).not.toContain(f);
    expect(briefNames).toContain('creativeConcept');
    const research = (toStrictJsonSchema(ClientCanonOutput) as { properties: Record<string, Json> })
      .properties.research as { anyOf: { properties?: Json }[] };
    expect(Object.keys(research.anyOf[0]?.properties ?? {})).toEqual(['highlights', 'competitors']);
  });

  it('expresses what JSON Schema can: handoff null except on step 03, enums of known ids, non-blank strings', () => {
    const step01 = toStrictJsonSchema(researchStepOutput('01')) as { properties: Record<string, Json> };
    const step03 = toStrictJsonSchema(researchStepOutput('03')) as { properties: Record<string, Json> };
    expect(step01.properties.handoff).toEqual({ type: 'null' });
    expect(step03.properties.handoff?.type).toBe('string');
    const specsSent = JSON.stringify(toStrictJsonSchema(experimentSpecSetOutput(metricIds)));
    expect(specsSent).toContain(`"enum":${JSON.stringify([...new Set(metricIds)])}`);
    expect(step01.properties.summary).toMatchObject({ type: 'string', pattern: '\\S' });
    expect(String(step01.properties.summary?.description)).toContain('1500 characters');
  });

  it('the checks can fail: zod output as converted is refused (minLength, maxLength, $schema)', () => {
    const raw = z.toJSONSchema(z.strictObject({ name: z.string().min(1).max(10) })) as Json;
    expect(documentedProblems(raw)).toEqual(
      expect.arrayContaining(['(root): $schema', '.name: minLength', '.name: maxLength']),
    );
    expect(strictSchemaProblems(raw).join('\n')).toMatch(/keyword "maxLength" is not permitted/);
    expect(strictSchemaProblems(sanitizeStrictSchema(raw))).toEqual([]);
    const tooMany = {
      type: 'object',
      additionalProperties: false,
      required: ['e'],
      properties: {
        e: {
          type: 'string',
          enum: Array.from({ length: STRICT_LIMITS.maxEnumValues + 1 }, (_, i) => `v${i}`),
        },
      },
    };
    expect(strictSchemaProblems(tooMany).join('\n')).toMatch(/enum values, more than 1000/);
    const open = { type: 'object', properties: { a: { type: 'string' } }, required: [] };
    expect(strictSchemaProblems(open)).toEqual(
      expect.arrayContaining([
        '(root): additionalProperties must be false',
        '(root): property "a" must be required',
      ]),
    );
  });
});

describe('schema-driven values', () => {
  it('are valid under the schema sent (patterns, formats, item counts, enums) and differ by seed', () => {
    const sent = toStrictJsonSchema(researchStepOutput('03'));
    const a = valueFromSchema(sent, seededRandom(1)) as {
      evidence: { url: string | null }[];
      handoff: string;
    };
    const b = valueFromSchema(sent, seededRandom(2));
    expect(a).not.toEqual(b);
    expect(typeof a.handoff).toBe('string');
    for (const e of a.evidence)
      if (e.url !== null) expect(e.url).toMatch(/^[Hh][Tt][Tt][Pp][Ss]?:\/\/\S+\.\S+/);
    const qa = valueFromSchema(toStrictJsonSchema(brandQaOutput(['r1v1', 'r1v2'])), seededRandom(3)) as {
      checklist: { assetId: string }[];
    };
    expect(qa.checklist).toHaveLength(2);
    for (const item of qa.checklist) expect(['r1v1', 'r1v2']).toContain(item.assetId);
    // Many answers zod accepts as they are: the generator respects every keyword sent.
    let accepted = 0;
    for (let seed = 1; seed <= 20; seed++) {
      if (
        researchStepOutput('01').safeParse(
          valueFromSchema(toStrictJsonSchema(researchStepOutput('01')), seededRandom(seed)),
        ).success
      )
        accepted++;
    }
    expect(accepted).toBeGreaterThan(10);
  });
});
