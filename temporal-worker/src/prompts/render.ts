/**
 * Versioned prompt templates (`temporal-worker/prompts/<group>/<name>.v<N>.md`) and their rendering.
 *
 * A template starts with a front-matter block:
 *   ---
 *   id: research/06_avatar_brief
 *   version: 1
 *   schema: ResearchStep                # the json_schema name the answer must satisfy
 *   system: system/market_researcher    # the system prompt sent with it
 *   placeholders: [BUSINESS_CONTEXT, STEP04_SUMMARY]
 *   optional: [FEEDBACK, PREVIOUS_DRAFT_JSON]
 *   ---
 * The body uses `{{NAME}}` for required values and `{{#NAME}}…{{/NAME}}` for a section rendered only when the
 * optional variable NAME is a non-empty string (reviewer feedback on regeneration). Templates are checked when
 * loaded (every token declared, every declaration used, optional variables only inside sections) and renders are
 * checked against the declaration: a missing value and an undeclared variable are both errors naming the variable.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputSha256, promptSha256 } from '../llm/prompt-hash';

/** The prompts folder of this package (resolved from this module, not from the working directory). */
export const PROMPTS_DIR = fileURLToPath(new URL('../../prompts', import.meta.url));

export interface PromptTemplate {
  /** e.g. `research/06_avatar_brief`: the path under prompts/ without `.v<N>.md`. */
  id: string;
  version: number;
  /** json_schema name of the expected answer; null for system prompts. */
  schema: string | null;
  /** Id of the system prompt sent with this one; null for system prompts. */
  system: string | null;
  placeholders: string[];
  optional: string[];
  body: string;
  file: string;
}

export interface RenderedPrompt {
  id: string;
  version: number;
  /** The user prompt. */
  text: string;
  /** The system prompt (rendered from the template's `system` file; empty when it names none). */
  system: string;
  schema: string | null;
  /** SHA-256 of system + prompt, the same hash the LLM client records on `llm_calls` (`promptSha256`). */
  sha256: string;
  /** SHA-256 of the values rendered (`inputSha256`), recorded on `llm_calls` to pair outputs across versions. */
  inputSha256: string;
}

/** Values for a render: strings; `null`/`undefined` only for optional variables (their sections are skipped). */
export type PromptVars = Readonly<Record<string, string | null | undefined>>;

const NAME = '[A-Z][A-Z0-9_]*';
const TOKEN = /\{\{([#/]?)([^{}]*)\}\}/g;
const FILE = /^(.+)\.v(\d+)\.md$/;

const cache = new Map<string, PromptTemplate>();

/** Every template id under prompts/ (latest versions), sorted. */
export function listPromptIds(): string[] {
  return [...new Set(listFiles().map((f) => f.id))].sort();
}

/** Loads a template: the given version, or the highest one present. */
export function loadPrompt(id: string, version?: number): PromptTemplate {
  const candidates = listFiles().filter(
    (f) => f.id === id && (version === undefined || f.version === version),
  );
  const chosen = candidates.sort((a, b) => b.version - a.version)[0];
  if (!chosen) {
    throw new Error(
      `Prompt "${id}"${version === undefined ? '' : ` version ${version}`} not found under ${PROMPTS_DIR}`,
    );
  }
  const cached = cache.get(chosen.file);
  if (cached) return cached;
  const template = parseTemplate(
    readFileSync(join(PROMPTS_DIR, chosen.file), 'utf8'),
    chosen.id,
    chosen.version,
    chosen.file,
  );
  cache.set(chosen.file, template);
  return template;
}

/** Renders a template and its system prompt; errors name the prompt and the offending variable(s). */
export function renderPrompt(id: string, vars: PromptVars, opts: { version?: number } = {}): RenderedPrompt {
  const template = loadPrompt(id, opts.version);
  const text = renderBody(template, vars);
  const system = template.system === null ? '' : renderBody(loadPrompt(template.system), {});
  return {
    id: template.id,
    version: template.version,
    text,
    system,
    schema: template.schema,
    sha256: promptSha256(system, text),
    inputSha256: inputSha256(vars),
  };
}

function renderBody(t: PromptTemplate, vars: PromptVars): string {
  const declared = new Set([...t.placeholders, ...t.optional]);
  const unknown = Object.keys(vars).filter((k) => !declared.has(k));
  if (unknown.length > 0) {
    throw new Error(
      `Prompt ${t.id}.v${t.version}: unknown variable(s) ${unknown.join(', ')} (declared: ${[...declared].join(', ') || 'none'})`,
    );
  }
  const missingRequired = t.placeholders.filter((p) => typeof vars[p] !== 'string');
  if (missingRequired.length > 0) {
    throw new Error(
      `Prompt ${t.id}.v${t.version}: missing placeholder value(s) ${missingRequired.join(', ')}`,
    );
  }

  // Sections first (outermost first, repeatedly, so nested sections resolve too); their tags may sit on lines of
  // their own, in which case the line break after each tag goes with it.
  const sectionSource = `\\{\\{#(${NAME})\\}\\}\\n?([\\s\\S]*?)\\{\\{/\\1\\}\\}\\n?`;
  let text = t.body;
  for (let depth = 0; depth < 20 && new RegExp(sectionSource).test(text); depth++) {
    text = text.replace(new RegExp(sectionSource, 'g'), (_m, name: string, inner: string) => {
      const value = vars[name];
      return typeof value === 'string' && value.trim() !== '' ? inner : '';
    });
  }

  const missing = new Set<string>();
  text = text.replace(new RegExp(`\\{\\{(${NAME})\\}\\}`, 'g'), (_m, name: string) => {
    const value = vars[name];
    if (typeof value !== 'string') {
      missing.add(name);
      return '';
    }
    return value;
  });
  if (missing.size > 0) {
    throw new Error(`Prompt ${t.id}.v${t.version}: missing placeholder value(s) ${[...missing].join(', ')}`);
  }
  return text.replace(/\n{3,}/g, '\n\n').trim();
}

function listFiles(): { id: string; version: number; file: string }[] {
  const out: { id: string; version: number; file: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(PROMPTS_DIR, dir), { withFileTypes: true })) {
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      const match = entry.isFile() ? FILE.exec(rel) : null;
      if (match?.[1] && match[2]) out.push({ id: match[1], version: Number(match[2]), file: rel });
    }
  };
  walk('');
  return out;
}

/** Parses and checks a template file; exported for tests of the checks themselves. */
export function parseTemplate(source: string, id: string, version: number, file: string): PromptTemplate {
  const where = `Prompt file ${file}`;
  const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
  if (!fm?.[1])
    throw new Error(`${where}: must start with a front-matter block (---, id, version, placeholders, ---)`);
  const meta = new Map<string, string>();
  for (const line of fm[1].split(/\r?\n/)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const kv = /^([a-z_]+):\s*(.*?)\s*(?:#.*)?$/.exec(line);
    if (!kv?.[1] || kv[2] === undefined) throw new Error(`${where}: unreadable front-matter line "${line}"`);
    meta.set(kv[1], kv[2]);
  }
  const list = (key: string): string[] => {
    const raw = meta.get(key);
    if (raw === undefined) return [];
    const inner = /^\[(.*)\]$/.exec(raw)?.[1];
    if (inner === undefined) throw new Error(`${where}: ${key} must be a list like [A, B]`);
    const names = inner
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    for (const n of names) {
      if (!new RegExp(`^${NAME}$`).test(n))
        throw new Error(`${where}: ${key} entry "${n}" must be UPPER_SNAKE_CASE`);
    }
    return names;
  };
  if (meta.get('id') !== id)
    throw new Error(`${where}: front-matter id must be "${id}" (got "${meta.get('id') ?? ''}")`);
  if (meta.get('version') !== String(version)) {
    throw new Error(
      `${where}: front-matter version must be ${version} (the file name's) (got "${meta.get('version') ?? ''}")`,
    );
  }
  const placeholders = list('placeholders');
  const optional = list('optional');
  const both = placeholders.filter((p) => optional.includes(p));
  if (both.length > 0) throw new Error(`${where}: ${both.join(', ')} declared both required and optional`);
  const body = source.slice(fm[0].length);

  // Token checks: well-formed, declared, balanced sections, optional variables only inside their sections.
  const used = new Set<string>();
  const open: string[] = [];
  let outsideOptional: string | null = null;
  for (const m of body.matchAll(TOKEN)) {
    const [token, kind, name = ''] = m;
    if (!new RegExp(`^${NAME}$`).test(name))
      throw new Error(`${where}: malformed placeholder ${token} (use {{UPPER_SNAKE}})`);
    if (!placeholders.includes(name) && !optional.includes(name)) {
      throw new Error(`${where}: placeholder ${name} is not declared in front-matter`);
    }
    used.add(name);
    if (kind === '#') {
      if (!optional.includes(name))
        throw new Error(`${where}: section {{#${name}}} needs ${name} declared under optional`);
      open.push(name);
    } else if (kind === '/') {
      if (open.pop() !== name)
        throw new Error(`${where}: section close {{/${name}}} does not match an open section`);
    } else if (optional.includes(name) && open.length === 0) {
      outsideOptional ??= name;
    }
  }
  if (open.length > 0) throw new Error(`${where}: section {{#${open.join(', ')}}} is never closed`);
  if (outsideOptional !== null) {
    throw new Error(
      `${where}: optional ${outsideOptional} is used outside a {{#…}} section (it could render empty)`,
    );
  }
  const unused = [...placeholders, ...optional].filter((p) => !used.has(p));
  if (unused.length > 0) throw new Error(`${where}: declared but unused placeholder(s) ${unused.join(', ')}`);
  if (/\{\{|\}\}/.test(body.replace(TOKEN, ''))) throw new Error(`${where}: stray "{{" or "}}"`);

  return {
    id,
    version,
    schema: meta.get('schema') ?? null,
    system: meta.get('system') ?? null,
    placeholders,
    optional,
    body,
    file,
  };
}
