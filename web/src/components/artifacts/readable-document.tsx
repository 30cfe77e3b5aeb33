import { Badge } from '@/components/ui/badge';
import { humanize } from '@/lib/format';
import { cn } from '@/lib/utils';

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: Json) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** "toneOfVoice" → "Tone of voice", "primaryKpis" → "Primary KPIs". */
export function labelOf(key: string): string {
  const spaced = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return humanize(spaced)
    .replace(/\bkpis?\b/gi, (m) => m.toUpperCase())
    .replace(/\bicps?\b/gi, (m) => m.toUpperCase())
    .replace(/\burls?\b/gi, (m) => m.toUpperCase())
    .replace(/\bids?\b/gi, (m) => m.toUpperCase());
}

function Scalar({ value }: { value: Json }) {
  if (value === null || value === '') return <span className="text-muted-foreground">—</span>;
  if (typeof value === 'boolean') return <span>{value ? 'Yes' : 'No'}</span>;
  const s = String(value);
  if (/^https?:\/\//.test(s)) {
    return (
      <a
        href={s}
        target="_blank"
        rel="noreferrer"
        className="text-primary underline-offset-4 hover:underline"
      >
        {s}
      </a>
    );
  }
  return <span className="whitespace-pre-wrap">{s}</span>;
}

/** Short strings read best as chips; sentences as a bulleted list. */
function StringList({ items }: { items: Json[] }) {
  const short = items.every((i) => typeof i !== 'string' || i.length <= 40);
  if (short) {
    return (
      <div className="flex flex-wrap gap-1.5">
        {items.map((i, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: values may repeat; the list is display-only
          <Badge key={n} variant="secondary">
            {String(i)}
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
          <Scalar value={i} />
        </li>
      ))}
    </ul>
  );
}

/** Objects whose fields are all scalars or short lists render as a table with one row each. */
function ObjectTable({ items }: { items: Record<string, Json>[] }) {
  const cols = [...new Set(items.flatMap((i) => Object.keys(i)))];
  return (
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
                <td key={c} className="px-3 py-2">
                  <Value value={item[c]} depth={9} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const tableable = (items: Json[]) =>
  items.length > 0 &&
  items.every(
    (i) =>
      isObject(i) &&
      Object.values(i).every((v) => isScalar(v) || (Array.isArray(v) && v.every(isScalar) && v.length <= 8)),
  );

function Value({ value, depth }: { value: Json; depth: number }) {
  if (isScalar(value) || value === undefined) return <Scalar value={value ?? null} />;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-sm text-muted-foreground">None</span>;
    if (value.every(isScalar)) return <StringList items={value} />;
    if (tableable(value)) return <ObjectTable items={value as Record<string, Json>[]} />;
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

function Fields({ obj, depth }: { obj: Record<string, Json>; depth: number }) {
  const entries = Object.entries(obj);
  if (entries.length === 0) return <span className="text-sm text-muted-foreground">Empty</span>;
  return (
    <dl className={cn('grid grid-cols-[minmax(0,1fr)] gap-4', depth === 0 && 'gap-6')}>
      {entries.map(([k, v]) => {
        const Heading = depth === 0 ? 'h3' : 'h4';
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
            <dd className="mt-1.5 text-sm">
              <Value value={v} depth={depth + 1} />
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
