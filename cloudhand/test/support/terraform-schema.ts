/**
 * A structural checker for Terraform JSON documents against a provider schema (`terraform providers schema
 * -json`): every resource and data-source type exists, every attribute and block set exists for that type with a
 * compatible value, computed-only attributes are not set, required ones are present, and every `${…}` reference
 * names a variable, resource or data source of the document and an attribute its type has. It stands in for
 * `terraform validate`, which needs the provider binary (not downloadable here).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type CtyType = string | [string, CtyType] | ['object', Record<string, CtyType>] | ['tuple', CtyType[]];

export interface SchemaAttribute {
  type?: CtyType;
  nested_type?: { attributes: Record<string, SchemaAttribute>; nesting_mode: string };
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
}

export interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<
    string,
    { nesting_mode: string; block: SchemaBlock; min_items?: number; max_items?: number }
  >;
}

export interface ProviderSchemaJson {
  provider_schemas: Record<
    string,
    {
      provider: { block: SchemaBlock };
      resource_schemas: Record<string, { block: SchemaBlock }>;
      data_source_schemas: Record<string, { block: SchemaBlock }>;
    }
  >;
}

export const HCLOUD_SCHEMA_FILE = join(
  import.meta.dirname,
  '..',
  '..',
  'provider-schema',
  'hcloud-1.68.0.json',
);

export function loadProviderSchema(path = HCLOUD_SCHEMA_FILE): ProviderSchemaJson {
  return JSON.parse(readFileSync(path, 'utf8')) as ProviderSchemaJson;
}

const META_ARGUMENTS = new Set([
  'depends_on',
  'lifecycle',
  'count',
  'for_each',
  'provider',
  'provisioner',
  'connection',
]);
const LIFECYCLE_KEYS = new Set([
  'create_before_destroy',
  'prevent_destroy',
  'ignore_changes',
  'replace_triggered_by',
]);
const TOP_LEVEL = new Set([
  '//',
  'terraform',
  'provider',
  'variable',
  'locals',
  'resource',
  'data',
  'output',
  'module',
]);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `${…}` expressions of a Terraform string (`$${` is a literal), or null when a directive `%{` is left. */
export function templateParts(text: string): { expressions: string[]; literal: boolean; directive: boolean } {
  const expressions: string[] = [];
  let literal = false;
  let directive = false;
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i) || text.startsWith('%%{', i)) {
      literal = true;
      i += 3;
    } else if (text.startsWith('${', i)) {
      const end = text.indexOf('}', i);
      if (end < 0) return { expressions: [...expressions, text.slice(i + 2)], literal, directive };
      expressions.push(text.slice(i + 2, end).trim());
      i = end + 1;
    } else if (text.startsWith('%{', i)) {
      directive = true;
      i += 2;
    } else {
      literal = true;
      i += 1;
    }
  }
  return { expressions, literal, directive };
}

export class TerraformSchemaChecker {
  readonly problems: string[] = [];
  private readonly provider: ProviderSchemaJson['provider_schemas'][string];
  private readonly providerSource: string;

  constructor(
    private readonly doc: Record<string, unknown>,
    schema: ProviderSchemaJson,
  ) {
    const [source, provider] = Object.entries(schema.provider_schemas)[0] ?? [];
    if (!source || !provider) throw new Error('provider schema has no provider');
    this.provider = provider;
    this.providerSource = source;
  }

  private problem(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  check(): string[] {
    for (const key of Object.keys(this.doc))
      if (!TOP_LEVEL.has(key)) this.problem(key, 'is not a Terraform JSON top-level key');
    this.checkTerraformBlock();
    this.checkProviders();
    this.checkEntities('resource', this.provider.resource_schemas);
    this.checkEntities('data', this.provider.data_source_schemas);
    const outputs = this.doc.output;
    if (outputs !== undefined) {
      if (!isObject(outputs)) this.problem('output', 'must be an object');
      else
        for (const [name, out] of Object.entries(outputs)) {
          if (!isObject(out) || !('value' in out)) this.problem(`output.${name}`, 'needs a value');
          else this.checkReferencesDeep(out.value, `output.${name}.value`);
        }
    }
    return this.problems;
  }

  private checkTerraformBlock(): void {
    const tf = this.doc.terraform;
    if (!isObject(tf)) {
      this.problem('terraform', 'is missing');
      return;
    }
    const req = tf.required_providers;
    const names = isObject(req) ? Object.keys(req) : [];
    for (const name of names) {
      const entry = isObject(req) ? req[name] : undefined;
      const source = isObject(entry) ? entry.source : undefined;
      if (
        typeof source !== 'string' ||
        !this.providerSource.endsWith(source.replace(/^registry\.terraform\.io\//, ''))
      )
        this.problem(
          `terraform.required_providers.${name}`,
          `source ${String(source)} is not ${this.providerSource}`,
        );
    }
  }

  private checkProviders(): void {
    const providers = this.doc.provider;
    if (providers === undefined) return;
    if (!isObject(providers)) {
      this.problem('provider', 'must be an object');
      return;
    }
    for (const [name, configs] of Object.entries(providers)) {
      if (!this.providerSource.endsWith(`/${name}`)) {
        this.problem(`provider.${name}`, 'is not the schema’s provider');
        continue;
      }
      for (const [i, config] of (Array.isArray(configs) ? configs : [configs]).entries()) {
        if (!isObject(config)) this.problem(`provider.${name}[${i}]`, 'must be an object');
        else
          this.checkBlock(config, this.provider.provider.block, `provider.${name}[${i}]`, new Set(['alias']));
      }
    }
  }

  private checkEntities(kind: 'resource' | 'data', schemas: Record<string, { block: SchemaBlock }>): void {
    const section = this.doc[kind];
    if (section === undefined) return;
    if (!isObject(section)) {
      this.problem(kind, 'must be an object');
      return;
    }
    for (const [type, byName] of Object.entries(section)) {
      const schema = schemas[type];
      if (!schema) {
        this.problem(
          `${kind}.${type}`,
          `is not a ${kind === 'data' ? 'data source' : 'resource'} type of the provider`,
        );
        continue;
      }
      if (!isObject(byName)) {
        this.problem(`${kind}.${type}`, 'must be an object of named instances');
        continue;
      }
      for (const [name, body] of Object.entries(byName)) {
        const path = `${kind}.${type}.${name}`;
        if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) this.problem(path, 'is not a valid Terraform name');
        if (!isObject(body)) {
          this.problem(path, 'must be an object');
          continue;
        }
        this.checkMeta(body, schema.block, path);
        const config = Object.fromEntries(Object.entries(body).filter(([k]) => !META_ARGUMENTS.has(k)));
        this.checkBlock(config, schema.block, path);
      }
    }
  }

  private checkMeta(body: Record<string, Json>, block: SchemaBlock, path: string): void {
    const deps = body.depends_on;
    if (deps !== undefined) {
      if (!Array.isArray(deps)) this.problem(`${path}.depends_on`, 'must be a list');
      else
        for (const d of deps)
          if (typeof d !== 'string' || !this.entityExists(d))
            this.problem(`${path}.depends_on`, `names nothing in the document: ${String(d)}`);
    }
    const lifecycle = body.lifecycle;
    if (lifecycle !== undefined) {
      if (!isObject(lifecycle)) {
        this.problem(`${path}.lifecycle`, 'must be an object');
        return;
      }
      for (const [k, v] of Object.entries(lifecycle)) {
        if (!LIFECYCLE_KEYS.has(k)) this.problem(`${path}.lifecycle.${k}`, 'is not a lifecycle argument');
        if (k === 'ignore_changes' && Array.isArray(v))
          for (const attr of v)
            if (
              typeof attr !== 'string' ||
              (!(attr in (block.attributes ?? {})) && !(attr in (block.block_types ?? {})))
            )
              this.problem(
                `${path}.lifecycle.ignore_changes`,
                `${String(attr)} is not an attribute of the type`,
              );
      }
    }
  }

  /** `hcloud_server.web` or `data.hcloud_network.main` exists in the document. */
  private entityExists(address: string): boolean {
    const parts = address.split('.');
    const [section, type, name] = parts[0] === 'data' ? parts : ['resource', ...parts];
    const s = this.doc[section ?? ''];
    const byType = isObject(s) ? s[type ?? ''] : undefined;
    return (
      parts.length === (section === 'data' ? 3 : 2) &&
      isObject(byType) &&
      name !== undefined &&
      name in byType
    );
  }

  private checkBlock(
    config: Record<string, Json>,
    block: SchemaBlock,
    path: string,
    extra = new Set<string>(),
  ): void {
    const attributes = block.attributes ?? {};
    const blocks = block.block_types ?? {};
    for (const [key, value] of Object.entries(config)) {
      if (key === '//' || extra.has(key)) continue;
      const attr = attributes[key];
      const nested = blocks[key];
      const at = `${path}.${key}`;
      if (attr) this.checkAttribute(value, attr, at);
      else if (nested) {
        // HCL's JSON syntax takes one block as an object and several as an array of objects (cdktn writes a
        // max-one list block, such as a service's http, as an object).
        const items = Array.isArray(value) ? value : [value];
        if (!Array.isArray(value) && !isObject(value)) {
          this.problem(at, `is a ${nested.nesting_mode} block and must be an object or a list of objects`);
          continue;
        }
        const single = nested.nesting_mode === 'single' || nested.nesting_mode === 'group';
        if (single && items.length > 1) this.problem(at, `has ${items.length} blocks, at most 1 allowed`);
        else if (nested.max_items !== undefined && items.length > nested.max_items)
          this.problem(at, `has ${items.length} blocks, at most ${nested.max_items} allowed`);
        items.forEach((item, i) => {
          if (!isObject(item)) this.problem(`${at}[${i}]`, 'must be an object');
          else this.checkBlock(item, nested.block, `${at}[${i}]`);
        });
      } else this.problem(at, 'is not an attribute or block of the type');
    }
    for (const [key, attr] of Object.entries(attributes))
      if (attr.required && !(key in config)) this.problem(`${path}.${key}`, 'is required');
    for (const [key, nested] of Object.entries(blocks)) {
      const count = Array.isArray(config[key]) ? (config[key] as Json[]).length : key in config ? 1 : 0;
      if ((nested.min_items ?? 0) > count)
        this.problem(`${path}.${key}`, `needs at least ${nested.min_items} blocks`);
    }
  }

  private checkAttribute(value: Json, attr: SchemaAttribute, path: string): void {
    if (attr.computed && !attr.optional && !attr.required) {
      this.problem(path, 'is computed by the provider and cannot be set');
      return;
    }
    if (attr.nested_type) {
      const { attributes, nesting_mode } = attr.nested_type;
      const items =
        nesting_mode === 'single'
          ? [value]
          : nesting_mode === 'map' && isObject(value)
            ? Object.values(value)
            : value;
      if (!Array.isArray(items)) {
        this.problem(path, `must be a ${nesting_mode} of objects`);
        return;
      }
      items.forEach((item, i) => {
        if (!isObject(item)) this.problem(`${path}[${i}]`, 'must be an object');
        else this.checkBlock(item, { attributes }, `${path}[${i}]`);
      });
      return;
    }
    if (attr.type !== undefined) this.checkValue(value, attr.type, path);
  }

  /** `value` can be assigned to an attribute of cty type `type`. */
  private checkValue(value: Json, type: CtyType, path: string): void {
    if (typeof value === 'string') {
      const parts = templateParts(value);
      if (parts.directive) this.problem(path, 'has a template directive %{…} (escape it as %%{)');
      for (const expr of parts.expressions) this.checkReference(expr, path);
      if (parts.expressions.length === 1 && !parts.literal) {
        const refType = this.referenceType(parts.expressions[0] ?? '');
        if (refType !== undefined && !assignable(refType, type))
          this.problem(
            path,
            `reference of type ${JSON.stringify(refType)} cannot be ${JSON.stringify(type)}`,
          );
        return;
      }
      // Terraform converts a literal "80" to a number and "true" to a bool; anything else is an error.
      const converts =
        type === 'string' ||
        type === 'dynamic' ||
        (parts.expressions.length === 0 &&
          ((type === 'number' && /^-?\d+(\.\d+)?$/.test(value)) ||
            (type === 'bool' && /^(true|false)$/.test(value))));
      if (!converts)
        this.problem(path, `is the string ${JSON.stringify(value)}, expected ${JSON.stringify(type)}`);
      return;
    }
    if (type === 'dynamic') {
      this.checkReferencesDeep(value, path);
      return;
    }
    if (typeof type === 'string') {
      if (type === 'number' && typeof value === 'number') return;
      if (type === 'bool' && typeof value === 'boolean') return;
      this.problem(path, `is ${JSON.stringify(value)}, expected ${type}`);
      return;
    }
    const [kind, inner] = type;
    if (kind === 'list' || kind === 'set') {
      if (!Array.isArray(value)) {
        this.problem(path, `must be a ${kind}`);
        return;
      }
      for (const [i, item] of value.entries()) this.checkValue(item, inner as CtyType, `${path}[${i}]`);
      return;
    }
    if (kind === 'map') {
      if (!isObject(value)) {
        this.problem(path, 'must be a map');
        return;
      }
      for (const [k, v] of Object.entries(value)) this.checkValue(v, inner as CtyType, `${path}.${k}`);
      return;
    }
    if (kind === 'object') {
      if (!isObject(value)) {
        this.problem(path, 'must be an object');
        return;
      }
      const fields = inner as Record<string, CtyType>;
      for (const [k, v] of Object.entries(value)) {
        const t = fields[k];
        if (t === undefined) this.problem(`${path}.${k}`, 'is not a field of the object type');
        else this.checkValue(v, t, `${path}.${k}`);
      }
      return;
    }
    this.problem(path, `has unsupported type ${JSON.stringify(type)}`);
  }

  private checkReferencesDeep(value: Json, path: string): void {
    if (typeof value === 'string') {
      const parts = templateParts(value);
      if (parts.directive) this.problem(path, 'has a template directive %{…} (escape it as %%{)');
      for (const expr of parts.expressions) this.checkReference(expr, path);
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) this.checkReferencesDeep(v, `${path}[${i}]`);
    } else if (isObject(value))
      for (const [k, v] of Object.entries(value)) this.checkReferencesDeep(v, `${path}.${k}`);
  }

  /** Only plain traversals are emitted by synthesis: `var.x`, `type.name.attr`, `data.type.name.attr`. */
  private checkReference(expr: string, path: string): void {
    const resolved = this.resolve(expr);
    if (typeof resolved === 'string') this.problem(path, `\${${expr}}: ${resolved}`);
  }

  private referenceType(expr: string): CtyType | undefined {
    const resolved = this.resolve(expr);
    return typeof resolved === 'string' ? undefined : resolved.type;
  }

  /** The reference's type, or why it does not resolve. */
  private resolve(expr: string): { type: CtyType | undefined } | string {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*|\[\d+\])*$/.test(expr))
      return 'is not a plain reference';
    const parts = expr.split('.');
    if (parts[0] === 'var') {
      const vars = this.doc.variable;
      if (!isObject(vars) || !(parts[1] ?? '') || !((parts[1] ?? '') in vars))
        return 'names no variable of the document';
      const decl = vars[parts[1] ?? ''];
      const t = isObject(decl) ? decl.type : undefined;
      return { type: t === 'string' || t === 'number' || t === 'bool' ? t : undefined };
    }
    const isData = parts[0] === 'data';
    const [type, name, attrName] = isData ? parts.slice(1) : parts;
    if (!type || !name || !attrName) return 'is not a resource attribute reference';
    if (!this.entityExists(`${isData ? 'data.' : ''}${type}.${name}`))
      return 'names no resource or data source of the document';
    const schemas = isData ? this.provider.data_source_schemas : this.provider.resource_schemas;
    const attr = schemas[type]?.block.attributes?.[attrName.replace(/\[\d+\]$/, '')];
    if (!attr) return `${type} has no attribute ${attrName}`;
    return { type: attrName.includes('[') || parts.length > (isData ? 4 : 3) ? undefined : attr.type };
  }
}

function isPrimitive(type: CtyType): boolean {
  return type === 'string' || type === 'number' || type === 'bool';
}

/** Terraform converts between primitives (a string id into a number argument); collections must match. */
function assignable(from: CtyType, to: CtyType): boolean {
  if (to === 'dynamic' || from === 'dynamic') return true;
  if (isPrimitive(from) && isPrimitive(to)) return true;
  if (typeof from === 'string' || typeof to === 'string') return false;
  if (from[0] !== to[0]) {
    const seq = new Set(['list', 'set']);
    if (!(seq.has(from[0]) && seq.has(to[0]))) return false;
  }
  return (
    JSON.stringify(from[1]) === JSON.stringify(to[1]) ||
    (from[0] !== 'object' && assignable(from[1] as CtyType, to[1] as CtyType))
  );
}

/** Every problem of `doc` against the provider schema; empty when it is structurally valid. */
export function checkTerraformJson(doc: Record<string, unknown>, schema = loadProviderSchema()): string[] {
  return new TerraformSchemaChecker(doc, schema).check();
}
