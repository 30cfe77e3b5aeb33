import { Badge } from '@/components/ui/badge';
import { enumLabel } from '@/lib/labels';
import { cn } from '@/lib/utils';

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** Keys holding ids that link records: shown small, as references, not as content. */
const isIdField = (k: string) => k === 'id' || /(Id|Ids|Ref|Refs)$/.test(k);
const isScalar = (v: Json) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Words that keep their own spelling in a label ("kpis" → "KPIs", "dont" → "Don't"). */
const LABEL_WORDS: Record<string, string> = {
  kpi: 'KPI',
  kpis: 'KPIs',
  icp: 'ICP',
  icps: 'ICPs',
  url: 'URL',
  urls: 'URLs',
  id: 'ID',
  ids: 'IDs',
  cta: 'CTA',
  cpa: 'CPA',
  roas: 'ROAS',
  dont: "Don't",
  voc: 'VoC',
};

/** "toneOfVoice" → "Tone of voice", "primaryKpis" → "Primary KPIs", "proofIds" → "Proof IDs". */
export function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .split(' ')
    .filter(Boolean)
    .map((w) => LABEL_WORDS[w] ?? w);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Enum values a reader should weigh at a glance (claim substantiation, competitor traction) get a coloured badge. */
const STATUS_VARIANT: Record<string, 'success' | 'warning' | 'destructive' | 'secondary' | 'outline'> = {
  substantiated: 'success',
  needs_substantiation: 'warning',
  not_allowed: 'destructive',
  strong: 'success',
  moderate: 'secondary',
  weak: 'warning',
};
/** Fields whose values are enum tokens ("solution_aware", "product_page"): shown as words. */
const ENUM_KEYS = new Set([
  'status',
  'traction',
  'substantiation',
  'awarenessLevel',
  'pageType',
  'kind',
  'sourceType',
  'stage',
  'funnelStage',
  'provenance',
  'tags',
]);

function Scalar({ value, field }: { value: Json; field?: string }) {
  if (value === null || value === '') return <span className="text-muted-foreground">—</span>;
  if (typeof value === 'boolean') return <span>{value ? 'Yes' : 'No'}</span>;
  if (typeof value === 'number') return <span className="tabular-nums">{value.toLocaleString()}</span>;
  const s = String(value);
  if (/^https?:\/\//.test(s)) {
    return (
      <a
        href={s}
        target="_blank"
        rel="noreferrer"
        className="break-all text-primary underline-offset-4 hover:underline"
      >
        {s}
      </a>
    );
  }
  const enumField = field !== undefined && ENUM_KEYS.has(field) && /^[a-z][a-z0-9_]*$/.test(s);
  const variant = enumField ? STATUS_VARIANT[s] : undefined;
  if (variant) return <Badge variant={variant}>{enumLabel(s)}</Badge>;
  if (enumField) return <span>{enumLabel(s)}</span>;
  if (field !== undefined && isIdField(field))
    return <span className="font-mono text-xs text-muted-foreground">{s}</span>;
  return <span className="whitespace-pre-wrap break-words">{s}</span>;
}

/** Short strings read best as chips; sentences as a bulleted list. */
function StringList({ items, field }: { items: Json[]; field?: string }) {
  const short = items.every((i) => typeof i !== 'string' || i.length <= 40);
  if (short) {
    const ids = field !== undefined && isIdField(field);
    return (
      <div className="flex flex-wrap gap-1.5">
        {items.map((i, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: values may repeat; the list is display-only
          <Badge key={n} variant={ids ? 'outline' : 'secondary'} className={cn(ids && 'font-mono')}>
            {field !== undefined && ENUM_KEYS.has(field) ? enumLabel(String(i)) : String(i)}
          </Badge>
        ))}
      </div>
    );
  }
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm">
      {items.map((i, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: values may repeat; the list is display-only
        <li key={n}>
          <Scalar value={i} {...(field !== undefined ? { field } : {})} />
        </li>
      ))}
    </ul>
  );
}

/** Columns in an order a reader scans: the name first, ids and references last. */
function columnsOf(items: Record<string, Json>[]): string[] {
  const cols = [...new Set(items.flatMap((i) => Object.keys(i)))].filter((c) => !HIDDEN.has(c));
  const rank = (c: string) => (TITLE_KEYS.includes(c) ? 0 : isIdField(c) ? 2 : 1);
  return cols.sort((a, b) => rank(a) - rank(b));
}

/** Objects whose fields are all scalars or short lists render as a table with one row each. */
const blank = (v: Json | undefined) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

function ObjectTable({ items }: { items: Record<string, Json>[] }) {
  // A column no row fills (a document stored before the field existed) is named once below, not a column of dashes.
  const all = columnsOf(items);
  const cols = all.filter((c) => items.some((i) => !blank(i[c])));
  const missing = all.filter((c) => !cols.includes(c));
  if (cols.length === 0) return <span className="text-muted-foreground">Not recorded</span>;
  return (
    <div className="grid gap-1">
      <section
        className="min-w-0 max-w-full overflow-x-auto rounded-md border"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the page scrolls, so keyboard users must reach it (axe scrollable-region-focusable)
        tabIndex={0}
        aria-label="Table (scrolls sideways)"
      >
        <table className="w-full text-sm">
          <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
            <tr>
              {cols.map((c) => (
                <th key={c} className="px-3 py-2 font-medium">
                  {labelOf(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y">
            {items.map((item, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are display-only
              <tr key={n} className="align-top">
                {cols.map((c) => (
                  <td key={c} className={cn('px-3 py-2', !isIdField(c) && 'min-w-[6rem]')}>
                    <Value value={item[c]} depth={9} field={c} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {missing.length > 0 ? (
        <p className="text-xs text-muted-foreground">{`Not recorded: ${missing.map(labelOf).join(', ')}.`}</p>
      ) : null}
    </div>
  );
}

const TITLE_KEYS = ['name', 'title', 'competitor', 'label', 'claim', 'belief', 'quote'];
const titleKeyOf = (item: Record<string, Json>) =>
  TITLE_KEYS.find((k) => typeof item[k] === 'string' && String(item[k]).trim() !== '');

/**
 * Records too wide for a table (many columns or long lists) as cards: the name as a title, then the other fields
 * two to a row, so nothing scrolls out of sight.
 */
function RecordCards({ items, depth }: { items: Record<string, Json>[]; depth: number }) {
  return (
    <div className="grid gap-3">
      {items.map((item, n) => {
        const titleKey = titleKeyOf(item);
        // Ids last: they link records (a claim's proof), a reader looks them up rather than reads them.
        const rest = Object.entries(item)
          .filter(([k]) => k !== titleKey && !HIDDEN.has(k))
          .sort(([a], [b]) => Number(isIdField(a)) - Number(isIdField(b)));
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: items are display-only
          <article key={n} className="grid gap-3 rounded-md border bg-muted/20 p-3">
            {titleKey ? <p className="font-medium">{String(item[titleKey])}</p> : null}
            <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
              {rest.map(([k, v]) => (
                <div key={k} className={cn('min-w-0', !isScalar(v) && isLong(v) && 'sm:col-span-2')}>
                  <dt className="text-xs font-medium text-muted-foreground">{labelOf(k)}</dt>
                  <dd className="mt-1 text-sm">
                    <Value value={v} depth={depth + 1} field={k} />
                  </dd>
                </div>
              ))}
            </dl>
          </article>
        );
      })}
    </div>
  );
}

/** A value that needs the full width of a card (a list of sentences or of records). */
const isLong = (v: Json) =>
  Array.isArray(v) && v.some((x) => !isScalar(x) || (typeof x === 'string' && x.length > 60));

/** Tables read well up to five columns; wider records become cards. */
const MAX_TABLE_COLUMNS = 5;

const tableable = (items: Json[]) =>
  items.length > 0 &&
  items.every(
    (i) =>
      isObject(i) &&
      Object.values(i).every((v) => isScalar(v) || (Array.isArray(v) && v.every(isScalar) && v.length <= 8)),
  ) &&
  columnsOf(items as Record<string, Json>[]).length <= MAX_TABLE_COLUMNS;

function Value({ value, depth, field }: { value: Json; depth: number; field?: string }) {
  const f = field !== undefined ? { field } : {};
  if (isScalar(value) || value === undefined) return <Scalar value={value ?? null} {...f} />;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-sm text-muted-foreground">None</span>;
    if (value.every(isScalar)) return <StringList items={value} {...f} />;
    if (tableable(value)) return <ObjectTable items={value as Record<string, Json>[]} />;
    if (value.every(isObject)) return <RecordCards items={value as Record<string, Json>[]} depth={depth} />;
    return (
      <div className="space-y-3">
        {value.map((v, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items are display-only
          <div key={n} className="rounded-md border bg-muted/20 p-3">
            <Value value={v} depth={depth + 1} />
          </div>
        ))}
      </div>
    );
  }
  return <Fields obj={value as Record<string, Json>} depth={depth} />;
}

/** Keys only code reads (links between records, provenance flags shown as a badge instead). */
const HIDDEN = new Set(['clientId', 'campaignId', 'orgId', 'sourceArtifactIds', 'fromModelKnowledge']);

function Fields({ obj, depth }: { obj: Record<string, Json>; depth: number }) {
  const entries = Object.entries(obj).filter(([k]) => !HIDDEN.has(k));
  if (entries.length === 0) return <span className="text-sm text-muted-foreground">Empty</span>;
  return (
    <dl className={cn('grid grid-cols-[minmax(0,1fr)] gap-4', depth === 0 && 'gap-6')}>
      {entries.map(([k, v]) => {
        const Heading = depth === 0 ? 'h3' : 'h4';
        // Nested records are indented, so "Tone of voice › Do" does not read as a sibling of "Tone of voice".
        const nested = depth > 0 && isObject(v);
        return (
          <div
            key={k}
            className={cn(depth === 0 && !isScalar(v) && 'border-t pt-4 first:border-0 first:pt-0')}
          >
            <dt>
              <Heading
                className={cn(
                  depth === 0 ? 'text-sm font-semibold' : 'text-xs font-medium uppercase tracking-wide',
                  depth > 0 && 'text-muted-foreground',
                )}
              >
                {labelOf(k)}
              </Heading>
            </dt>
            <dd className={cn('mt-1.5 text-sm', nested && 'border-l-2 pl-3')}>
              {v === null && depth === 0 ? (
                <span className="text-muted-foreground">Not recorded</span>
              ) : Array.isArray(v) && v.length === 0 && depth === 0 ? (
                <span className="text-muted-foreground">None recorded yet</span>
              ) : (
                <Value value={v} depth={depth + 1} field={k} />
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/**
 * Renders any artifact document for reading: fields as headings, short string lists as chips, longer ones as bullets,
 * lists of flat records as tables, nested records as indented sections. Ids that only link records are left out.
 */
export function ReadableDocument({
  data,
  hide = ['clientId', 'campaignId', 'rawPrompt'],
}: {
  data: Json;
  hide?: string[];
}) {
  if (!isObject(data)) return <Value value={data} depth={0} />;
  const shown = Object.fromEntries(Object.entries(data).filter(([k]) => !hide.includes(k)));
  // A canon built from research that was not web-searched says so up front, not only deep in its research field.
  const research = data.research;
  const notSearched = isObject(research) && research.fromModelKnowledge === true;
  return (
    <div className="space-y-4">
      {notSearched ? (
        <Badge
          variant="warning"
          title="Web search was off: the research behind this document rests on what the model knows"
        >
          From model knowledge, not searched
        </Badge>
      ) : null}
      <Fields obj={shown} depth={0} />
    </div>
  );
}
