import { ExternalLinkIcon } from 'lucide-react';
import { ReadableDocument } from '@/components/artifacts/readable-document';
import { Badge } from '@/components/ui/badge';
import { enumLabel } from '@/lib/labels';
import { cn } from '@/lib/utils';

export interface EvidenceData {
  id: string;
  kind: 'claim' | 'quote';
  text: string;
  url: string | null;
  publishedAt: string | null;
  sourceType: string;
  sourceName: string | null;
  provenance: 'provider_citation' | 'model_stated' | 'human_entered';
  stale: boolean;
}

/** A stored research step as the page reads it (older documents may lack the newer fields). */
export interface ResearchStepData {
  stepKey?: string;
  title?: string;
  summary?: string;
  content?: string;
  handoff?: string | null;
  model?: string;
  webSearchUsed?: boolean;
  fromModelKnowledge?: boolean | null;
  researchedAt?: string | null;
  evidence?: EvidenceData[];
  quoteBank?: { evidenceId: string; quote: string; tags: string[] }[] | null;
  competitorTraction?: unknown[] | null;
  landingPageMap?: unknown[] | null;
  avatars?: unknown[] | null;
  offerBrief?: Record<string, unknown> | null;
  necessaryBeliefs?: unknown[] | null;
  iBelieveStatements?: string[] | null;
  sources?: { title: string | null; url: string }[];
}

/** How a reader should weigh an evidence URL: found by the provider's search, or only written by the model. */
const PROVENANCE: Record<
  EvidenceData['provenance'],
  { label: string; variant: 'success' | 'warning' | 'outline' }
> = {
  provider_citation: { label: 'Search result', variant: 'success' },
  model_stated: { label: 'Model-stated, not verified', variant: 'warning' },
  human_entered: { label: 'Entered by a person', variant: 'outline' },
};

/** The "from model knowledge, not searched" mark of research drafts (and of a canon built from them). */
export function NotSearchedBadge() {
  return (
    <Badge
      variant="warning"
      title="Web search was off: this draft rests on what the model knows, not on sources it found"
    >
      From model knowledge, not searched
    </Badge>
  );
}

/** "https://www.cerave.com/skincare/serums/" → "cerave.com/skincare/serums": the page, without the noise. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = `${u.pathname}${u.hash}`.replace(/\/$/, '');
    return `${u.hostname.replace(/^www\./, '')}${path}`;
  } catch {
    return url;
  }
}

function ExternalLink({ url, label }: { url: string; label?: string }) {
  return (
    <a
      href={url}
      target="_blank"
      rel="noreferrer"
      className="inline-flex items-center gap-1 break-all text-primary underline-offset-4 hover:underline"
    >
      {label ?? url}
      <ExternalLinkIcon className="size-3 shrink-0" aria-hidden />
    </a>
  );
}

/** One row per claim or quote with where its URL came from and whether it is stale (both set by code). */
export function EvidenceTable({ evidence }: { evidence: EvidenceData[] }) {
  return (
    <section
      className="min-w-0 max-w-full overflow-x-auto rounded-md border"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the page scrolls, so keyboard users must reach it (axe scrollable-region-focusable)
      tabIndex={0}
      aria-label="Evidence (scrolls sideways)"
    >
      <table className="w-full text-sm">
        <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
          <tr>
            <th className="px-3 py-2 font-medium">ID</th>
            <th className="px-3 py-2 font-medium">Claim or quote</th>
            <th className="px-3 py-2 font-medium">Source</th>
            <th className="px-3 py-2 font-medium">Published</th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {evidence.map((e) => {
            const provenance = PROVENANCE[e.provenance];
            return (
              <tr key={e.id} className="align-top">
                <td className="whitespace-nowrap px-3 py-2 text-xs text-muted-foreground tabular-nums">
                  {e.id}
                </td>
                <td className="min-w-[16rem] px-3 py-2">
                  {e.kind === 'quote' ? <q className="italic">{e.text}</q> : e.text}
                </td>
                <td className="min-w-[13rem] max-w-[20rem] px-3 py-2">
                  <div className="flex flex-col gap-1">
                    <span>
                      <Badge variant="secondary">{enumLabel(e.sourceType)}</Badge>{' '}
                      {e.sourceName ? <span className="text-xs">{e.sourceName}</span> : null}
                    </span>
                    {e.url ? (
                      <>
                        <ExternalLink url={e.url} label={displayUrl(e.url)} />
                        <span>
                          <Badge variant={provenance.variant} title="Where this URL came from">
                            {provenance.label}
                          </Badge>
                        </span>
                      </>
                    ) : (
                      <span className="text-xs text-muted-foreground">No URL</span>
                    )}
                  </div>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {e.publishedAt ?? <span className="text-muted-foreground">Unknown</span>}
                  {e.stale ? (
                    <Badge
                      variant="destructive"
                      className="ml-1"
                      title="Published more than 24 months before the research ran"
                    >
                      Stale
                    </Badge>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

type MdBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'table'; rows: string[][] }
  | { kind: 'paragraph'; text: string };

const BULLET = /^\s*([-*]|\d+\.)\s+/;
const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

/** Splits model-written markdown into headings, lists, tables and paragraphs, line by line. */
export function markdownBlocks(text: string): MdBlock[] {
  const blocks: MdBlock[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const last = blocks.at(-1);
    const heading = /^#{1,6}\s+(.*)$/.exec(line.trim());
    if (!line.trim()) {
      blocks.push({ kind: 'paragraph', text: '' });
    } else if (heading) {
      blocks.push({ kind: 'heading', text: heading[1] ?? '' });
    } else if (BULLET.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const item = line.replace(BULLET, '');
      if (last?.kind === 'list' && last.ordered === ordered) last.items.push(item);
      else blocks.push({ kind: 'list', ordered, items: [item] });
    } else if (line.trim().startsWith('|')) {
      // The separator row ("|---|---|") only marks the header in markdown.
      if (/^\|?[\s:|-]+\|?$/.test(line.trim())) continue;
      if (last?.kind === 'table') last.rows.push(cellsOf(line));
      else blocks.push({ kind: 'table', rows: [cellsOf(line)] });
    } else if (last?.kind === 'paragraph' && last.text) {
      last.text += `\n${line}`;
    } else {
      blocks.push({ kind: 'paragraph', text: line });
    }
  }
  return blocks.filter((b) => b.kind !== 'paragraph' || b.text.trim());
}

/** Markdown headings, lists and tables become real headings, lists and tables; everything else a paragraph. */
function MarkdownLite({ text }: { text: string }) {
  return (
    <div className="space-y-3 text-sm leading-relaxed">
      {markdownBlocks(text).map((b, n) => {
        const key = `${n}:${b.kind}`;
        if (b.kind === 'heading')
          return (
            <h4 key={key} className="pt-2 font-semibold">
              {b.text}
            </h4>
          );
        if (b.kind === 'list') {
          const List = b.ordered ? 'ol' : 'ul';
          return (
            <List key={key} className={cn('space-y-1 pl-5', b.ordered ? 'list-decimal' : 'list-disc')}>
              {b.items.map((item, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines are display-only
                <li key={i}>{item}</li>
              ))}
            </List>
          );
        }
        if (b.kind === 'table') {
          const [head = [], ...rows] = b.rows;
          return (
            <div key={key} className="overflow-x-auto rounded-md border">
              <table className="w-full text-sm">
                <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
                  <tr>
                    {head.map((h, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are display-only
                      <th key={i} className="px-3 py-2 font-medium">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y">
                  {rows.map((r, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows are display-only
                    <tr key={i} className="align-top">
                      {r.map((c, j) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: cells are display-only
                        <td key={j} className="px-3 py-2">
                          {c}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }
        return (
          <p key={key} className="whitespace-pre-wrap">
            {b.text}
          </p>
        );
      })}
    </div>
  );
}

export function ResearchStepView({ data }: { data: ResearchStepData }) {
  const structured = Object.fromEntries(
    (
      [
        'competitorTraction',
        'landingPageMap',
        'avatars',
        'offerBrief',
        'necessaryBeliefs',
        'iBelieveStatements',
      ] as const
    ).flatMap((k) => (data[k] ? [[k, data[k]]] : [])),
  );
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        {data.model ? <Badge variant="outline">{data.model}</Badge> : null}
        {data.webSearchUsed ? <Badge variant="secondary">Web search</Badge> : null}
        {data.fromModelKnowledge ? <NotSearchedBadge /> : null}
        {data.researchedAt ? <span>Researched {data.researchedAt}</span> : null}
      </div>
      {data.summary ? (
        <section>
          <h3 className="text-sm font-semibold">Summary</h3>
          <div className="mt-2 rounded-md bg-muted/40 p-3">
            <MarkdownLite text={data.summary} />
          </div>
        </section>
      ) : null}
      {data.content ? (
        <section>
          <h3 className="text-sm font-semibold">Full research</h3>
          <div className="mt-2">
            <MarkdownLite text={data.content} />
          </div>
        </section>
      ) : null}
      {data.quoteBank && data.quoteBank.length > 0 ? (
        <section>
          <h3 className="text-sm font-semibold">Quote bank</h3>
          <ul className="mt-2 space-y-2 text-sm">
            {data.quoteBank.map((q) => {
              const source = data.evidence?.find((e) => e.id === q.evidenceId);
              return (
                <li key={`${q.evidenceId}:${q.quote.slice(0, 20)}`} className="rounded-md border p-3">
                  <blockquote className="italic">“{q.quote}”</blockquote>
                  <div className="mt-2 flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
                    {q.tags.map((t) => (
                      <Badge key={t} variant="secondary">
                        {t.replace(/_/g, ' ')}
                      </Badge>
                    ))}
                    <span>
                      {source?.sourceName ?? 'Customer'} · evidence {q.evidenceId}
                    </span>
                    {source?.url ? (
                      <ExternalLink url={source.url} label={displayUrl(source.url).split('/')[0]} />
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {Object.keys(structured).length > 0 ? <ReadableDocument data={structured} /> : null}
      {data.evidence && data.evidence.length > 0 ? (
        <section>
          <h3 className="text-sm font-semibold">Evidence</h3>
          <p className="mt-1 text-xs text-muted-foreground">
            Search result: the provider's web search returned the page. Model-stated: the URL appears only in
            the model's text. Stale: published more than 24 months before the research ran.
          </p>
          <div className="mt-2">
            <EvidenceTable evidence={data.evidence} />
          </div>
        </section>
      ) : null}
      {data.handoff ? (
        <section>
          <h3 className="text-sm font-semibold">Deep-research prompt</h3>
          <p className="mt-2 whitespace-pre-wrap rounded-md bg-muted/40 p-3 text-sm">{data.handoff}</p>
        </section>
      ) : null}
      {data.sources && data.sources.length > 0 ? (
        <section>
          <h3 className="text-sm font-semibold">Sources the search returned</h3>
          <ul className="mt-2 space-y-1 text-sm">
            {data.sources.map((s) => (
              <li key={s.url}>
                <a
                  href={s.url}
                  target="_blank"
                  rel="noreferrer"
                  className="inline-flex items-center gap-1 text-primary underline-offset-4 hover:underline"
                >
                  {s.title ?? s.url}
                  <ExternalLinkIcon className="size-3" aria-hidden />
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
