import { ExternalLinkIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';

export interface ResearchStepData {
  stepKey?: string;
  title?: string;
  summary?: string;
  content?: string;
  handoff?: string | null;
  model?: string;
  webSearchUsed?: boolean;
  sources?: { title: string | null; url: string }[];
}

/** Markdown headings and bullets become real headings and lists; everything else stays a paragraph. */
function MarkdownLite({ text }: { text: string }) {
  const blocks = text.split(/\n{2,}/);
  return (
    <div className="space-y-3 text-sm leading-relaxed">
      {blocks.map((block, n) => {
        const lines = block.split('\n').filter((l) => l.trim());
        const first = lines[0] ?? '';
        const heading = /^(#{1,6})\s+(.*)$/.exec(first);
        const key = `${n}:${first.slice(0, 20)}`;
        if (heading && lines.length === 1) {
          return (
            <h4 key={key} className="pt-2 font-semibold">
              {heading[2]}
            </h4>
          );
        }
        if (lines.length > 0 && lines.every((l) => /^\s*([-*]|\d+\.)\s+/.test(l))) {
          return (
            <ul key={key} className="list-disc space-y-1 pl-5">
              {lines.map((l, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines are display-only
                <li key={i}>{l.replace(/^\s*([-*]|\d+\.)\s+/, '')}</li>
              ))}
            </ul>
          );
        }
        return (
          <p key={key} className="whitespace-pre-wrap">
            {block}
          </p>
        );
      })}
    </div>
  );
}

export function ResearchStepView({ data }: { data: ResearchStepData }) {
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        {data.model ? <Badge variant="outline">{data.model}</Badge> : null}
        {data.webSearchUsed ? <Badge variant="secondary">Web search</Badge> : null}
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
      {data.handoff ? (
        <section>
          <h3 className="text-sm font-semibold">Deep-research prompt</h3>
          <p className="mt-2 whitespace-pre-wrap rounded-md bg-muted/40 p-3 text-sm">{data.handoff}</p>
        </section>
      ) : null}
      {data.sources && data.sources.length > 0 ? (
        <section>
          <h3 className="text-sm font-semibold">Sources</h3>
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
