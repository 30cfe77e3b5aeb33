import {
  ArrowDownIcon,
  ArrowUpIcon,
  CheckIcon,
  ExternalLinkIcon,
  PencilIcon,
  Trash2Icon,
} from 'lucide-react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { NativeSelect } from '@/components/ui/native-select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { nextPageOptions, pageState } from './page-state';
import { PageStateBadge } from './status-badges';
import type { FunnelPageRow } from './types';

export interface PagesTableProps {
  pages: readonly FunnelPageRow[];
  entryPageId: string | null;
  /** The page editor's URL for a page. */
  editHref: (pageId: string) => string;
  /** The page's public URL (served once the funnel is published). */
  publicHref: (slug: string) => string;
  /** Whether a publication is live (the public link is only offered then). */
  published: boolean;
  canEdit: boolean;
  busy: boolean;
  onNextPage: (pageId: string, nextPageId: string | null) => void;
  onEntryPage: (pageId: string) => void;
  onMove: (pageId: string, direction: -1 | 1) => void;
  onApprove: (pageId: string) => void;
  onDelete: (page: FunnelPageRow) => void;
}

/**
 * The funnel's pages in order: state (draft / approved / changed since approval), next-page wiring, entry page,
 * reorder, approve, edit and delete. Next-page choices never include the page itself; the API refuses cycles.
 */
export function PagesTable(props: PagesTableProps) {
  const { pages, entryPageId, canEdit, busy } = props;
  return (
    <Card className="overflow-hidden">
      <Table aria-label="Pages">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Page</TableHead>
            <TableHead>State</TableHead>
            <TableHead>Entry</TableHead>
            <TableHead>Next page</TableHead>
            <TableHead className="text-right">Actions</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {pages.map((page, index) => {
            const state = pageState(page);
            return (
              <TableRow key={page.id} data-page-slug={page.slug}>
                <TableCell>
                  <Link to={props.editHref(page.id)} className="font-medium hover:underline">
                    {page.name}
                  </Link>
                  <p className="font-mono text-xs text-muted-foreground">/{page.slug}</p>
                </TableCell>
                <TableCell>
                  <PageStateBadge state={state} />
                  {page.latestSource === 'ai' && state !== 'approved' ? (
                    <p className="mt-1 text-xs text-muted-foreground">AI draft to review</p>
                  ) : null}
                </TableCell>
                <TableCell>
                  <input
                    type="radio"
                    name="entry-page"
                    className="size-4 accent-primary"
                    aria-label={`Entry page: ${page.name}`}
                    checked={entryPageId === page.id}
                    disabled={!canEdit || busy}
                    onChange={() => props.onEntryPage(page.id)}
                  />
                </TableCell>
                <TableCell className="min-w-48">
                  <NativeSelect
                    aria-label={`Next page after ${page.name}`}
                    value={page.nextPageId ?? ''}
                    disabled={!canEdit || busy}
                    onChange={(e) => props.onNextPage(page.id, e.target.value || null)}
                  >
                    <option value="">None (last page)</option>
                    {nextPageOptions(pages, page.id).map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </NativeSelect>
                </TableCell>
                <TableCell>
                  <div className="flex items-center justify-end gap-1">
                    {canEdit ? (
                      <>
                        <Button
                          variant="ghost"
                          size="icon"
                          aria-label={`Move ${page.name} up`}
                          disabled={busy || index === 0}
                          onClick={() => props.onMove(page.id, -1)}
                        >
                          <ArrowUpIcon aria-hidden />
                        </Button>
                        <Button
                          variant="ghost"
                          size="icon"
                          aria-label={`Move ${page.name} down`}
                          disabled={busy || index === pages.length - 1}
                          onClick={() => props.onMove(page.id, 1)}
                        >
                          <ArrowDownIcon aria-hidden />
                        </Button>
                        <Button
                          variant="outline"
                          size="sm"
                          aria-label={`Approve ${page.name}`}
                          disabled={busy || state === 'approved' || !page.latestDraftVersionId}
                          onClick={() => props.onApprove(page.id)}
                        >
                          <CheckIcon aria-hidden /> Approve
                        </Button>
                      </>
                    ) : null}
                    <Button variant="ghost" size="icon" asChild>
                      <Link to={props.editHref(page.id)} aria-label={`Edit ${page.name}`}>
                        <PencilIcon aria-hidden />
                      </Link>
                    </Button>
                    {props.published ? (
                      <Button variant="ghost" size="icon" asChild>
                        <a
                          href={props.publicHref(page.slug)}
                          target="_blank"
                          rel="noreferrer"
                          aria-label={`Open public page ${page.name}`}
                        >
                          <ExternalLinkIcon aria-hidden />
                        </a>
                      </Button>
                    ) : null}
                    {canEdit ? (
                      <Button
                        variant="ghost"
                        size="icon"
                        aria-label={`Delete ${page.name}`}
                        disabled={busy}
                        onClick={() => props.onDelete(page)}
                      >
                        <Trash2Icon aria-hidden />
                      </Button>
                    ) : null}
                  </div>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Card>
  );
}
