import { AlertCircleIcon, ArrowDownIcon, ArrowUpIcon, PlusIcon, Trash2Icon, XIcon } from 'lucide-react';
import { createContext, type FormEvent, type ReactNode, useContext, useMemo, useState } from 'react';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { fieldErrorId } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import type { FieldIssue } from '@/lib/errors';
import { humanize } from '@/lib/format';
import { cn } from '@/lib/utils';
import { describe, emptyValue, labelFor, pathKey } from './describe';

type Path = (string | number)[];

/** Strings longer than this get a textarea. */
const TEXTAREA_FROM = 300;

export interface SchemaFormProps<S extends z.ZodType> {
  schema: S;
  initialValue: unknown;
  /** Called with zod's parsed output (trimmed strings etc.) once the whole value validates. */
  onSubmit: (data: z.output<S>) => void | Promise<void>;
  /** Issues from the server, with paths relative to the edited value. */
  serverIssues?: readonly FieldIssue[];
  /** Top-level keys shown read-only (e.g. the ids that tie a document to its client). */
  lockedKeys?: readonly string[];
  submitLabel?: string;
  submitting?: boolean;
  onCancel?: () => void;
  /** Prefix of element ids, so two editors on a page do not clash. */
  idPrefix?: string;
}

interface Ctx {
  issues: Map<string, string>;
  shouldShow: (key: string) => boolean;
  change: (path: Path, value: unknown) => void;
  locked: ReadonlySet<string>;
  idOf: (path: Path) => string;
}

const FormCtx = createContext<Ctx | null>(null);
const useForm = () => {
  const ctx = useContext(FormCtx);
  if (!ctx) throw new Error('SchemaForm fields must render inside SchemaForm');
  return ctx;
};

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy;
  }
  const obj = root && typeof root === 'object' ? (root as Record<string, unknown>) : {};
  return { ...obj, [head]: setAt(obj[head], rest, value) };
}

/**
 * An editor generated from a zod v4 schema: inputs, textareas, selects, nullable toggles, lists (chips for strings,
 * reorderable cards otherwise) and fieldsets for nested objects. The whole value is validated with the schema's own
 * `safeParse` on every change and on submit; each issue shows at its field, and the submitted data is zod's output.
 */
export function SchemaForm<S extends z.ZodType>({
  schema,
  initialValue,
  onSubmit,
  serverIssues = [],
  lockedKeys = [],
  submitLabel = 'Save',
  submitting = false,
  onCancel,
  idPrefix = 'sf',
}: SchemaFormProps<S>) {
  const [value, setValue] = useState<unknown>(() => structuredClone(initialValue));
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);

  const result = useMemo(() => schema.safeParse(value), [schema, value]);
  const clientIssues = useMemo(
    () =>
      result.success
        ? []
        : result.error.issues.map((i) => ({
            path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
            message: i.message,
          })),
    [result],
  );

  const ctx = useMemo<Ctx>(() => {
    const issues = new Map<string, string>();
    for (const i of [...serverIssues, ...clientIssues]) {
      const key = pathKey(i.path);
      if (!issues.has(key)) issues.set(key, i.message);
    }
    const serverKeys = new Set(serverIssues.map((i) => pathKey(i.path)));
    // Messages appear where the person has been (or on ancestors of what they edited), and everywhere after a submit.
    const shouldShow = (key: string) =>
      submitted ||
      serverKeys.has(key) ||
      touched.has(key) ||
      [...touched].some((t) => key === '' || t.startsWith(`${key}.`));
    return {
      issues,
      shouldShow,
      locked: new Set(lockedKeys),
      idOf: (path) => `${idPrefix}-${path.length ? path.join('-') : 'root'}`,
      change: (path, next) => {
        setValue((prev: unknown) => setAt(prev, path, next));
        setTouched((prev) => new Set(prev).add(pathKey(path)));
      },
    };
  }, [serverIssues, clientIssues, submitted, touched, lockedKeys, idPrefix]);

  const visibleIssues = clientIssues.length + serverIssues.length;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (result.success) void onSubmit(result.data as z.output<S>);
  };

  const rootError = ctx.shouldShow('') ? ctx.issues.get('') : undefined;

  return (
    <FormCtx.Provider value={ctx}>
      <form noValidate onSubmit={submit} className="grid gap-6">
        {rootError ? <ErrorText id={fieldErrorId(ctx.idOf([]))}>{rootError}</ErrorText> : null}
        <Field schema={schema} path={[]} value={value} label="" />
        {submitted && visibleIssues > 0 ? (
          <div
            role="alert"
            className="flex items-start gap-2 rounded-md border border-destructive/30 bg-destructive/5 p-3 text-sm text-destructive"
          >
            <AlertCircleIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
            <div>
              <p className="font-medium">
                {visibleIssues === 1 ? '1 field needs attention' : `${visibleIssues} fields need attention`}
              </p>
              <ul className="mt-1 list-disc pl-4">
                {[...serverIssues, ...clientIssues].slice(0, 8).map((i, n) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: two issues may share a path; the list is rebuilt per render
                  <li key={`${n}:${pathKey(i.path)}`}>
                    {i.path.length
                      ? `${i.path.map((p) => (typeof p === 'number' ? p + 1 : labelFor(p))).join(' › ')}: `
                      : ''}
                    {i.message}
                  </li>
                ))}
              </ul>
            </div>
          </div>
        ) : null}
        <div className="sticky bottom-0 -mx-1 flex justify-end gap-2 border-t bg-card px-1 pt-4">
          {onCancel ? (
            <Button type="button" variant="outline" onClick={onCancel} disabled={submitting}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" disabled={submitting}>
            {submitting ? 'Saving…' : submitLabel}
          </Button>
        </div>
      </form>
    </FormCtx.Provider>
  );
}

function ErrorText({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} role="alert" className="text-xs font-medium text-destructive">
      {children}
    </p>
  );
}

function useFieldError(path: Path): string | undefined {
  const ctx = useForm();
  const key = pathKey(path);
  return ctx.shouldShow(key) ? ctx.issues.get(key) : undefined;
}

interface FieldProps {
  schema: z.ZodType;
  path: Path;
  value: unknown;
  label: string;
  /** Rendered next to the label (e.g. a nullable field's "Clear" button). */
  extra?: ReactNode;
}

function Field(props: FieldProps) {
  const node = describe(props.schema);
  const ctx = useForm();
  if (props.path.length === 1 && ctx.locked.has(String(props.path[0]))) {
    return <LockedField {...props} />;
  }
  switch (node.kind) {
    case 'string':
      return <StringField {...props} max={node.max} />;
    case 'number':
      return <NumberField {...props} int={node.int} min={node.min} max={node.max} />;
    case 'boolean':
      return <BooleanField {...props} />;
    case 'enum':
      return <EnumField {...props} options={node.options} />;
    case 'literal':
      return <LockedField {...props} />;
    case 'nullable':
    case 'optional':
      return (
        <NullableField {...props} inner={node.inner} empty={node.kind === 'nullable' ? null : undefined} />
      );
    case 'object':
      return <ObjectField {...props} shape={node.shape} />;
    case 'array': {
      const el = describe(node.element);
      // Short strings (tags, phrases) read best as chips; long ones (quotes, paragraphs) get a card each.
      return el.kind === 'string' && (el.max ?? Number.POSITIVE_INFINITY) <= TEXTAREA_FROM ? (
        <ChipsField {...props} element={node.element} max={node.max} />
      ) : (
        <ListField {...props} element={node.element} max={node.max} />
      );
    }
    default:
      return <JsonField {...props} />;
  }
}

function FieldLabel({ htmlFor, label, extra }: { htmlFor: string; label: string; extra?: ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-2">
      <Label htmlFor={htmlFor}>{label}</Label>
      {extra}
    </div>
  );
}

function LockedField({ path, value, label }: FieldProps) {
  const ctx = useForm();
  const id = ctx.idOf(path);
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        value={value == null ? '' : String(value)}
        readOnly
        disabled
        className="font-mono text-xs"
      />
    </div>
  );
}

function StringField({ path, value, label, extra, max }: FieldProps & { max?: number | undefined }) {
  const ctx = useForm();
  const id = ctx.idOf(path);
  const error = useFieldError(path);
  const text = typeof value === 'string' ? value : '';
  const common = {
    id,
    value: text,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? fieldErrorId(id) : undefined,
  };
  const long = max === undefined || max > TEXTAREA_FROM;
  return (
    <div className="grid gap-2">
      <FieldLabel htmlFor={id} label={label} extra={extra} />
      {long ? (
        <textarea
          {...common}
          rows={Math.min(8, Math.max(3, Math.ceil(text.length / 90)))}
          onChange={(e) => ctx.change(path, e.target.value)}
          className="min-h-20 w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs focus-visible:border-ring focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring/30 aria-invalid:border-destructive"
        />
      ) : (
        <Input {...common} onChange={(e) => ctx.change(path, e.target.value)} />
      )}
      <div className="flex justify-between gap-2">
        {error ? <ErrorText id={fieldErrorId(id)}>{error}</ErrorText> : <span />}
        {max !== undefined && long ? (
          <span
            className={cn(
              'text-xs tabular-nums text-muted-foreground',
              text.length > max && 'font-medium text-destructive',
            )}
          >
            {text.length.toLocaleString()} / {max.toLocaleString()}
          </span>
        ) : null}
      </div>
    </div>
  );
}

function NumberField({
  path,
  value,
  label,
  extra,
  int,
  min,
  max,
}: FieldProps & { int: boolean; min?: number | undefined; max?: number | undefined }) {
  const ctx = useForm();
  const id = ctx.idOf(path);
  const error = useFieldError(path);
  // Kept as typed while it is not a number, so zod reports it instead of the value silently changing.
  const shown = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  return (
    <div className="grid gap-2">
      <FieldLabel htmlFor={id} label={label} extra={extra} />
      <Input
        id={id}
        type="number"
        inputMode={int ? 'numeric' : 'decimal'}
        step={int ? 1 : 'any'}
        min={min}
        max={max}
        value={shown}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? fieldErrorId(id) : undefined}
        onChange={(e) => {
          const raw = e.target.value;
          const n = Number(raw);
          ctx.change(path, raw.trim() !== '' && Number.isFinite(n) ? n : raw);
        }}
        className="max-w-xs"
      />
      {error ? <ErrorText id={fieldErrorId(id)}>{error}</ErrorText> : null}
    </div>
  );
}

function BooleanField({ path, value, label, extra }: FieldProps) {
  const ctx = useForm();
  const id = ctx.idOf(path);
  const error = useFieldError(path);
  return (
    <div className="grid gap-2">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium">
          <input
            id={id}
            type="checkbox"
            className="size-4 accent-[var(--color-primary)]"
            checked={value === true}
            onChange={(e) => ctx.change(path, e.target.checked)}
          />
          {label}
        </label>
        {extra}
      </div>
      {error ? <ErrorText id={fieldErrorId(id)}>{error}</ErrorText> : null}
    </div>
  );
}

function EnumField({ path, value, label, extra, options }: FieldProps & { options: string[] }) {
  const ctx = useForm();
  const id = ctx.idOf(path);
  const error = useFieldError(path);
  return (
    <div className="grid gap-2">
      <FieldLabel htmlFor={id} label={label} extra={extra} />
      <NativeSelect
        id={id}
        value={typeof value === 'string' ? value : ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? fieldErrorId(id) : undefined}
        onChange={(e) => ctx.change(path, e.target.value)}
        className="max-w-xs"
      >
        {typeof value !== 'string' || !options.includes(value) ? <option value="">Choose…</option> : null}
        {options.map((o) => (
          <option key={o} value={o}>
            {humanize(o)}
          </option>
        ))}
      </NativeSelect>
      {error ? <ErrorText id={fieldErrorId(id)}>{error}</ErrorText> : null}
    </div>
  );
}

function NullableField({
  path,
  value,
  label,
  inner,
  empty,
}: FieldProps & { inner: z.ZodType; empty: null | undefined }) {
  const ctx = useForm();
  const id = ctx.idOf(path);
  if (value === null || value === undefined) {
    return (
      <div className="grid gap-2">
        <div className="flex items-center justify-between gap-2">
          <span className="text-sm font-medium" id={`${id}-label`}>
            {label}
          </span>
          <Button
            type="button"
            variant="ghost"
            size="sm"
            aria-label={`Set ${label || 'value'}`}
            onClick={() => ctx.change(path, emptyValue(inner))}
          >
            <PlusIcon aria-hidden />
            Set
          </Button>
        </div>
        <p className="rounded-md border border-dashed px-3 py-2 text-sm text-muted-foreground">Not set</p>
      </div>
    );
  }
  return (
    <Field
      schema={inner}
      path={path}
      value={value}
      label={label}
      extra={
        <Button
          type="button"
          variant="ghost"
          size="sm"
          aria-label={`Clear ${label || 'value'}`}
          onClick={() => ctx.change(path, empty)}
        >
          <XIcon aria-hidden />
          Clear
        </Button>
      }
    />
  );
}

function ObjectField({
  path,
  value,
  label,
  extra,
  shape,
}: FieldProps & { shape: Record<string, z.ZodType> }) {
  const ctx = useForm();
  const error = useFieldError(path);
  const obj = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const fields = Object.entries(shape).map(([key, child]) => (
    <Field key={key} schema={child} path={[...path, key]} value={obj[key]} label={labelFor(key)} />
  ));
  // The root, and list items (their card is the group), render without a fieldset of their own.
  if (path.length === 0 || !label) return <div className="grid gap-5">{fields}</div>;
  return (
    <fieldset
      className="grid gap-4 rounded-lg border p-4"
      aria-describedby={error ? fieldErrorId(ctx.idOf(path)) : undefined}
    >
      <legend className="flex items-center gap-2 px-1 text-sm font-semibold">
        <span>{label}</span>
        {extra}
      </legend>
      {error ? <ErrorText id={fieldErrorId(ctx.idOf(path))}>{error}</ErrorText> : null}
      {fields}
    </fieldset>
  );
}

function singular(label: string): string {
  if (/ies$/.test(label)) return label.replace(/ies$/, 'y');
  if (/sses$/.test(label)) return label.replace(/es$/, '');
  return label.replace(/s$/, '');
}

function ChipsField({
  path,
  value,
  label,
  extra,
  max,
}: FieldProps & { element: z.ZodType; max?: number | undefined }) {
  const ctx = useForm();
  const id = ctx.idOf(path);
  const error = useFieldError(path);
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  const [draft, setDraft] = useState('');
  const full = max !== undefined && items.length >= max;
  const itemErrors = items
    .map((_, i) => ({
      i,
      message: ctx.shouldShow(pathKey([...path, i])) ? ctx.issues.get(pathKey([...path, i])) : undefined,
    }))
    .filter((e): e is { i: number; message: string } => e.message !== undefined);

  const add = () => {
    const v = draft.trim();
    if (!v || full) return;
    ctx.change(path, [...items, v]);
    setDraft('');
  };

  return (
    <div className="grid gap-2">
      <FieldLabel htmlFor={id} label={label} extra={extra} />
      <div
        className={cn(
          'flex flex-wrap items-center gap-1.5 rounded-md border border-input bg-card p-1.5 shadow-xs focus-within:border-ring focus-within:ring-2 focus-within:ring-ring/30',
          (error || itemErrors.length > 0) && 'border-destructive',
        )}
      >
        {items.map((item, i) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: chips may repeat a value; the position is their identity
            key={i}
            className={cn(
              'inline-flex max-w-full items-center gap-1 rounded-full bg-secondary py-0.5 pr-1 pl-2.5 text-xs font-medium',
              itemErrors.some((e) => e.i === i) && 'bg-destructive/10 text-destructive',
            )}
          >
            <span className="truncate">{String(item)}</span>
            <button
              type="button"
              aria-label={`Remove ${String(item)}`}
              className="rounded-full p-0.5 hover:bg-foreground/10 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              onClick={() =>
                ctx.change(
                  path,
                  items.filter((_, j) => j !== i),
                )
              }
            >
              <XIcon className="size-3" aria-hidden />
            </button>
          </span>
        ))}
        <input
          id={id}
          value={draft}
          disabled={full}
          placeholder={full ? `At most ${max}` : 'Type and press Enter'}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? fieldErrorId(id) : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault();
              add();
            } else if (e.key === 'Backspace' && draft === '' && items.length > 0) {
              ctx.change(path, items.slice(0, -1));
            }
          }}
          onBlur={add}
          className="h-7 min-w-32 flex-1 bg-transparent px-1.5 text-sm outline-none placeholder:text-muted-foreground"
        />
      </div>
      {error ? <ErrorText id={fieldErrorId(id)}>{error}</ErrorText> : null}
      {itemErrors.map((e) => (
        <ErrorText key={e.i} id={`${id}-${e.i}-error`}>
          {`“${String(items[e.i])}”: ${e.message}`}
        </ErrorText>
      ))}
    </div>
  );
}

/** A short title for a list item: its name, title or id when it has one. */
function itemTitle(item: unknown, fallback: string): string {
  if (item && typeof item === 'object') {
    const o = item as Record<string, unknown>;
    for (const k of ['name', 'title', 'label', 'headline', 'id']) {
      const v = o[k];
      if (typeof v === 'string' && v.trim()) return `${fallback}: ${v.trim().slice(0, 60)}`;
    }
  }
  return fallback;
}

function ListField({
  path,
  value,
  label,
  extra,
  element,
  max,
}: FieldProps & { element: z.ZodType; max?: number | undefined }) {
  const ctx = useForm();
  const id = ctx.idOf(path);
  const error = useFieldError(path);
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  const full = max !== undefined && items.length >= max;
  const one = singular(label || 'Item');
  const objectItems = describe(element).kind === 'object';
  const move = (from: number, to: number) => {
    const next = [...items];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    ctx.change(path, next);
  };

  return (
    <section className="grid gap-3" aria-labelledby={`${id}-label`}>
      <div className="flex items-center justify-between gap-2">
        <h4 id={`${id}-label`} className="text-sm font-semibold">
          {label} <span className="font-normal text-muted-foreground">({items.length})</span>
        </h4>
        {extra}
      </div>
      {error ? <ErrorText id={fieldErrorId(id)}>{error}</ErrorText> : null}
      {items.map((item, i) => {
        const itemPath = [...path, i];
        const itemError = ctx.shouldShow(pathKey(itemPath)) ? ctx.issues.get(pathKey(itemPath)) : undefined;
        const title = itemTitle(item, `${one} ${i + 1}`);
        return (
          <fieldset
            // biome-ignore lint/suspicious/noArrayIndexKey: items have no stable id; the editor re-keys on reorder
            key={i}
            aria-label={title}
            className={cn(
              'm-0 min-w-0 rounded-lg border bg-muted/20 p-4',
              itemError && 'border-destructive/50',
            )}
          >
            <div className="mb-3 flex items-center justify-between gap-2">
              {/* Scalar items are labelled by their own field; objects get a title from their name or id. */}
              {objectItems ? <p className="truncate text-sm font-medium">{title}</p> : <span />}
              <div className="flex shrink-0 items-center gap-1">
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className="size-7"
                  aria-label={`Move ${one} ${i + 1} up`}
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                >
                  <ArrowUpIcon aria-hidden />
                </Button>
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className="size-7"
                  aria-label={`Move ${one} ${i + 1} down`}
                  disabled={i === items.length - 1}
                  onClick={() => move(i, i + 1)}
                >
                  <ArrowDownIcon aria-hidden />
                </Button>
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className="size-7 text-destructive hover:text-destructive"
                  aria-label={`Remove ${one} ${i + 1}`}
                  onClick={() =>
                    ctx.change(
                      path,
                      items.filter((_, j) => j !== i),
                    )
                  }
                >
                  <Trash2Icon aria-hidden />
                </Button>
              </div>
            </div>
            {itemError ? (
              <div className="mb-3">
                <ErrorText id={`${ctx.idOf(itemPath)}-item-error`}>{itemError}</ErrorText>
              </div>
            ) : null}
            <Field
              schema={element}
              path={itemPath}
              value={item}
              label={objectItems ? '' : `${one} ${i + 1}`}
            />
          </fieldset>
        );
      })}
      <div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={full}
          onClick={() => ctx.change(path, [...items, emptyValue(element)])}
        >
          <PlusIcon aria-hidden />
          Add {one.toLowerCase()}
        </Button>
        {full ? <span className="ml-2 text-xs text-muted-foreground">At most {max}</span> : null}
      </div>
    </section>
  );
}

/** Fallback for shapes the editor has no control for (unions, records): the value as JSON. */
function JsonField({ path, value, label, extra }: FieldProps) {
  const ctx = useForm();
  const id = ctx.idOf(path);
  const error = useFieldError(path);
  const [text, setText] = useState(() => JSON.stringify(value ?? null, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  const shown = parseError ?? error;
  return (
    <div className="grid gap-2">
      <FieldLabel htmlFor={id} label={`${label} (JSON)`} extra={extra} />
      <textarea
        id={id}
        value={text}
        rows={4}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? fieldErrorId(id) : undefined}
        onChange={(e) => {
          setText(e.target.value);
          try {
            ctx.change(path, JSON.parse(e.target.value));
            setParseError(null);
          } catch {
            setParseError('Not valid JSON');
          }
        }}
        className="w-full rounded-md border border-input bg-card px-3 py-2 font-mono text-xs shadow-xs"
      />
      {shown ? <ErrorText id={fieldErrorId(id)}>{shown}</ErrorText> : null}
    </div>
  );
}
