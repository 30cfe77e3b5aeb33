import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESEARCH_STEP_KEYS } from '@mos/db/artifacts';
import { describe, expect, it } from 'vitest';
import { promptSha256 } from '../src/llm/prompt-hash';
import { listPromptIds, loadPrompt, PROMPTS_DIR, parseTemplate, renderPrompt } from '../src/prompts/render';

const TASK_PROMPTS = [
  'research/01_competitor_research',
  'research/03_deep_research_prompt',
  'research/04_deep_research_execution',
  'research/06_avatar_brief',
  'research/07_offer_brief',
  'research/08_necessary_beliefs',
  'research/09_i_believe_statements',
  'build/client_canon',
  'build/metric_schema',
  'build/strategy_sheet',
  'build/experiment_specs',
  'build/asset_briefs',
  'build/generate_assets',
  'build/brand_qa',
  'build/experiment_report',
  'build/playbook',
];

const SCHEMAS = new Set([
  'ClientCanon',
  'MetricSchema',
  'StrategySheet',
  'ExperimentSpecSet',
  'AssetBriefSet',
  'QAReport',
  'ExperimentReport',
  'Playbook',
  'ResearchStep',
  'GeneratedAssetSet',
]);

/** A distinct, recognisable value per placeholder. */
const valuesFor = (names: string[]) => Object.fromEntries(names.map((n) => [n, `<<value of ${n}>>`]));

describe('prompt files', () => {
  it('are found relative to the package, whatever the working directory', () => {
    expect(PROMPTS_DIR).toMatch(/temporal-worker[/\\]prompts$/);
    const ids = listPromptIds();
    for (const id of TASK_PROMPTS) expect(ids).toContain(id);
    expect(ids.filter((id) => id.startsWith('system/')).length).toBeGreaterThanOrEqual(4);
  });

  it('every file is named <id>.v<N>.md and starts with front-matter naming that id and version', () => {
    const walk = (dir: string): string[] =>
      readdirSync(join(PROMPTS_DIR, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
      );
    const files = walk('');
    expect(files.length).toBe(listPromptIds().length);
    for (const file of files) {
      const match = /^(.+)\.v(\d+)\.md$/.exec(file.replaceAll('\\', '/'));
      expect(match, file).not.toBeNull();
      const source = readFileSync(join(PROMPTS_DIR, file), 'utf8');
      expect(source.startsWith(`---\nid: ${match?.[1]}\nversion: ${match?.[2]}\n`), file).toBe(true);
    }
  });

  it.each(TASK_PROMPTS)('%s renders with exactly its declared placeholders', (id) => {
    const template = loadPrompt(id);
    expect(template.version).toBeGreaterThanOrEqual(1);
    expect(template.placeholders.length).toBeGreaterThan(0);
    expect(SCHEMAS).toContain(template.schema);
    const vars = valuesFor(template.placeholders);
    const rendered = renderPrompt(id, vars);

    expect(rendered.id).toBe(id);
    expect(rendered.version).toBe(template.version);
    for (const name of template.placeholders) expect(rendered.text).toContain(`<<value of ${name}>>`);
    expect(rendered.text).not.toMatch(/\{\{|\}\}/);
    // No optional section leaks without its variable.
    expect(rendered.text).not.toContain('Reviewer feedback');
    expect(rendered.system.length).toBeGreaterThan(200);
    expect(rendered.system).not.toContain('---');
    expect(rendered.sha256).toBe(promptSha256(rendered.system, rendered.text));
    expect(rendered.text.length).toBeGreaterThan(600);
  });

  it.each(TASK_PROMPTS)('%s: each missing placeholder throws an error naming it', (id) => {
    const template = loadPrompt(id);
    for (const name of template.placeholders) {
      const vars: Record<string, string | null> = valuesFor(template.placeholders);
      delete vars[name];
      expect(() => renderPrompt(id, vars)).toThrow(new RegExp(`missing placeholder value\\(s\\) ${name}$`));
      vars[name] = null;
      expect(() => renderPrompt(id, vars)).toThrow(new RegExp(`missing placeholder value\\(s\\) ${name}$`));
    }
  });

  it('research prompts carry the step marker the stand-in and logs key on', () => {
    const ids = TASK_PROMPTS.filter((id) => id.startsWith('research/'));
    expect(ids.map((id) => /research\/(\d{2})_/.exec(id)?.[1])).toEqual([...RESEARCH_STEP_KEYS]);
    for (const id of ids) {
      const key = /research\/(\d{2})_/.exec(id)?.[1];
      const rendered = renderPrompt(id, valuesFor(loadPrompt(id).placeholders));
      expect(rendered.text.startsWith(`# MOS research step ${key}:`)).toBe(true);
      // The system fills the step's key, title and provenance; the prompt says whether the web was searched.
      expect(rendered.text).toContain('<<value of RESEARCH_MODE>>');
    }
  });

  it('build prompts with ids name them on the lines the stand-in reads', () => {
    for (const id of TASK_PROMPTS.filter((i) => i.startsWith('build/'))) {
      const t = loadPrompt(id);
      if (t.placeholders.includes('CLIENT_ID')) expect(t.body).toContain('Client id: {{CLIENT_ID}}');
      if (t.placeholders.includes('CAMPAIGN_ID')) expect(t.body).toContain('Campaign id: {{CAMPAIGN_ID}}');
      if (t.placeholders.includes('ORG_ID')) expect(t.body).toContain('Org id: {{ORG_ID}}');
    }
    expect(loadPrompt('build/brand_qa').body).toContain('Asset ids to review: {{ASSET_IDS}}');
  });
});

describe('renderPrompt', () => {
  const canonVars = () => valuesFor(loadPrompt('build/client_canon').placeholders);

  it('refuses a variable the template does not declare (typos), naming it', () => {
    expect(() => renderPrompt('build/client_canon', { ...canonVars(), CLIENT_IDD: 'x' })).toThrow(
      /unknown variable\(s\) CLIENT_IDD/,
    );
  });

  it('renders the feedback block only when feedback is a non-empty string', () => {
    const without = renderPrompt('build/client_canon', canonVars());
    expect(without.text).not.toContain('Reviewer feedback');
    for (const empty of [null, undefined, '', '   \n']) {
      const r = renderPrompt('build/client_canon', {
        ...canonVars(),
        FEEDBACK: empty,
        PREVIOUS_DRAFT_JSON: '{"x":1}',
      });
      expect(r.text).toBe(without.text);
      expect(r.sha256).toBe(without.sha256);
    }

    const feedback = 'Tone is too clinical; use the customer quotes.\nAlso drop the manifesto.';
    const withFeedback = renderPrompt('build/client_canon', {
      ...canonVars(),
      FEEDBACK: feedback,
      PREVIOUS_DRAFT_JSON: '{"brand":{"story":"old"}}',
    });
    expect(withFeedback.text).toContain('## Reviewer feedback on the previous draft');
    expect(withFeedback.text).toContain(feedback);
    expect(withFeedback.text).toContain('Previous draft (JSON):\n```json\n{"brand":{"story":"old"}}\n```');
    expect(withFeedback.sha256).not.toBe(without.sha256);
    // The block sits before the closing instruction, and no section tags survive.
    expect(withFeedback.text.indexOf(feedback)).toBeLessThan(
      withFeedback.text.indexOf('Answer with the complete ClientCanon'),
    );
    expect(withFeedback.text).not.toMatch(/\{\{/);

    // Nested optional section: feedback without a previous draft keeps the feedback and drops the draft.
    const feedbackOnly = renderPrompt('build/client_canon', { ...canonVars(), FEEDBACK: feedback });
    expect(feedbackOnly.text).toContain(feedback);
    expect(feedbackOnly.text).not.toContain('Previous draft');
  });

  it('every gated build prompt supports reviewer feedback', () => {
    for (const id of [
      'build/client_canon',
      'build/metric_schema',
      'build/strategy_sheet',
      'build/experiment_specs',
    ]) {
      const vars = valuesFor(loadPrompt(id).placeholders);
      expect(renderPrompt(id, { ...vars, FEEDBACK: 'Cut the budget for TikTok.' }).text).toContain(
        'Cut the budget for TikTok.',
      );
    }
  });

  it('substitutes values once: placeholders inside values are not expanded', () => {
    const r = renderPrompt('build/client_canon', {
      ...canonVars(),
      CLIENT_NAME: 'Acme {{CLIENT_ID}}',
      FEEDBACK: '{{#FEEDBACK}}x{{/FEEDBACK}} and $& $1',
    });
    expect(r.text).toContain('Client name: Acme {{CLIENT_ID}}');
    expect(r.text).toContain('{{#FEEDBACK}}x{{/FEEDBACK}} and $& $1');
  });

  it('loads a given version and refuses an unknown one', () => {
    expect(loadPrompt('build/playbook', 2).version).toBe(2);
    expect(() => loadPrompt('build/playbook', 1)).toThrow(/Prompt "build\/playbook" version 1 not found/);
    expect(() => renderPrompt('build/nope', {})).toThrow(/Prompt "build\/nope" not found/);
  });
});

describe('template checks', () => {
  const fm = (extra = '', placeholders = '[A]', optional = '[]') =>
    `---\nid: t/x\nversion: 1\nplaceholders: ${placeholders}\noptional: ${optional}\n${extra}---\n`;
  const parse = (source: string) => parseTemplate(source, 't/x', 1, 't/x.v1.md');

  it('accepts a well-formed template', () => {
    const t = parse(
      `${fm('schema: Foo\nsystem: system/strategist\n', '[A]', '[F]')}Hello {{A}}\n{{#F}}fb: {{F}}\n{{/F}}`,
    );
    expect(t).toMatchObject({
      placeholders: ['A'],
      optional: ['F'],
      schema: 'Foo',
      system: 'system/strategist',
    });
  });

  it.each([
    ['missing front-matter', 'Hello {{A}}', /must start with a front-matter block/],
    [
      'an id that is not the file',
      `${fm().replace('id: t/x', 'id: t/y')}{{A}}`,
      /front-matter id must be "t\/x"/,
    ],
    [
      'a version that is not the file',
      `${fm().replace('version: 1', 'version: 2')}{{A}}`,
      /front-matter version must be 1/,
    ],
    ['an undeclared placeholder', `${fm()}{{A}} {{B}}`, /placeholder B is not declared/],
    [
      'a declared but unused placeholder',
      `${fm('', '[A, C]')}{{A}}`,
      /declared but unused placeholder\(s\) C/,
    ],
    ['a malformed placeholder', `${fm()}{{A}} {{ a }}`, /malformed placeholder \{\{ a \}\}/],
    [
      'a section on a required variable',
      `${fm()}{{#A}}x{{/A}}`,
      /section \{\{#A\}\} needs A declared under optional/,
    ],
    [
      'an optional variable outside its section',
      `${fm('', '[A]', '[F]')}{{A}} {{F}}`,
      /optional F is used outside/,
    ],
    [
      'an unclosed section',
      `${fm('', '[A]', '[F]')}{{A}} {{#F}}x {{F}}`,
      /section \{\{#F\}\} is never closed/,
    ],
    ['a stray brace pair', `${fm()}{{A}} }}`, /stray/],
    ['a lowercase list entry', `${fm('', '[a]')}x`, /must be UPPER_SNAKE_CASE/],
  ])('rejects %s', (_what, source, error) => {
    expect(() => parse(source)).toThrow(error);
  });
});
