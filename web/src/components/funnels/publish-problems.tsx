import { CircleAlertIcon } from 'lucide-react';
import { Link } from 'react-router';
import type { PublishProblemView } from './types';

/**
 * Why the funnel cannot be published yet: funnel-wide problems first, then one line per page problem (the rules'
 * messages name the page) with a link to that page's editor.
 */
export function PublishProblems({
  problems,
  editHref,
  pageIds,
}: {
  problems: readonly PublishProblemView[];
  editHref: (pageId: string) => string;
  /** The funnel's pages: a problem about a page elsewhere (a wrong entry page) gets no link. */
  pageIds: readonly string[];
}) {
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) => Number(a.pageId !== null) - Number(b.pageId !== null));
  return (
    <div className="rounded-md border border-warning/40 bg-warning/10 p-4 text-sm">
      <p className="flex items-center gap-2 font-medium">
        <CircleAlertIcon className="size-4 text-[oklch(0.5_0.12_60)]" aria-hidden />
        Publishing needs {sorted.length === 1 ? 'one fix' : `${sorted.length} fixes`}
      </p>
      <ul className="mt-2 space-y-1.5" aria-label="Publish problems">
        {sorted.map((p) => (
          <li
            key={`${p.reason}:${p.pageId ?? 'funnel'}:${p.message}`}
            className="flex flex-wrap items-baseline gap-x-2"
          >
            <span>{p.message}</span>
            {p.pageId && pageIds.includes(p.pageId) ? (
              <Link to={editHref(p.pageId)} className="text-primary hover:underline">
                Open page
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
