import { ExternalLinkIcon, XIcon } from 'lucide-react';
import { type FormEvent, type KeyboardEvent, useState } from 'react';
import { ClientSelect } from '@/components/campaigns/client-select';
import { isVideo, SwipeThumb, safeUrl, storedMediaSrc } from '@/components/swipes/swipe-media';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/sonner';
import { errorMessage, fieldIssuesOf } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { trpc } from '@/lib/trpc';

type Example = 'none' | 'good' | 'bad';

function SaveToClient({ swipeId }: { swipeId: string }) {
  const [clientId, setClientId] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [tagDraft, setTagDraft] = useState('');
  const [notes, setNotes] = useState('');
  const [example, setExample] = useState<Example>('none');
  const [error, setError] = useState<string | null>(null);

  const utils = trpc.useUtils();
  const save = trpc.swipes.client.save.useMutation({
    meta: { silent: true },
    onSuccess: async () => {
      toast.success('Saved to the client’s swipe file');
      setTags([]);
      setNotes('');
      setExample('none');
      setError(null);
      await utils.swipes.client.list.invalidate({ clientId });
    },
    onError: (err) => {
      const issue = fieldIssuesOf(err)[0];
      setError(issue ? `${issue.path.join('.')}: ${issue.message}` : errorMessage(err));
    },
  });

  const addTag = () => {
    const t = tagDraft.trim().replace(/,$/, '').trim();
    if (t && !tags.includes(t) && tags.length < 20) setTags([...tags, t.slice(0, 60)]);
    setTagDraft('');
  };
  const onTagKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      addTag();
    } else if (e.key === 'Backspace' && !tagDraft && tags.length) {
      setTags(tags.slice(0, -1));
    }
  };
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!clientId) {
      setError('Choose a client first.');
      return;
    }
    if (tagDraft.trim()) addTag();
    save.mutate({
      clientId,
      companySwipeId: swipeId,
      tags,
      notes: notes.trim() || null,
      isGoodExample: example === 'good',
      isBadExample: example === 'bad',
    });
  }

  return (
    <form
      onSubmit={onSubmit}
      className="grid gap-3 rounded-md border bg-muted/20 p-4"
      aria-label="Save to client"
    >
      <h3 className="text-sm font-semibold">Save to a client</h3>
      <FormField id="swipe-save-client" label="Client">
        <ClientSelect id="swipe-save-client" value={clientId} onValueChange={setClientId} />
      </FormField>
      <FormField id="swipe-save-tags" label="Tags" hint="Press Enter or comma to add">
        <div className="flex min-h-9 flex-wrap items-center gap-1.5 rounded-md border border-input bg-card px-2 py-1">
          {tags.map((t) => (
            <Badge key={t} variant="secondary" className="gap-1 pr-1">
              {t}
              <button
                type="button"
                className="rounded-full p-0.5 hover:bg-foreground/10"
                aria-label={`Remove tag ${t}`}
                onClick={() => setTags(tags.filter((x) => x !== t))}
              >
                <XIcon aria-hidden className="size-3" />
              </button>
            </Badge>
          ))}
          <input
            id="swipe-save-tags"
            className="min-w-24 flex-1 bg-transparent py-1 text-sm outline-none"
            value={tagDraft}
            onChange={(e) => setTagDraft(e.target.value)}
            onKeyDown={onTagKey}
            onBlur={addTag}
            placeholder={tags.length ? '' : 'hook, ugc, offer'}
          />
        </div>
      </FormField>
      <FormField id="swipe-save-notes" label="Notes">
        <textarea
          id="swipe-save-notes"
          rows={3}
          className="rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/30 focus-visible:outline-none"
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          placeholder="Why this ad is worth keeping"
        />
      </FormField>
      <fieldset className="grid gap-1.5">
        <legend className="mb-1 text-sm font-medium">Example</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {(['none', 'good', 'bad'] as const).map((v) => (
            <label key={v} className="flex items-center gap-1.5">
              <input
                type="radio"
                name="swipe-example"
                checked={example === v}
                onChange={() => setExample(v)}
              />
              {v === 'none' ? 'Neither' : v === 'good' ? 'Good example' : 'Bad example'}
            </label>
          ))}
        </div>
      </fieldset>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save to client'}
        </Button>
      </div>
    </form>
  );
}

export function SwipeDetailDialog({ swipeId, onClose }: { swipeId: string | null; onClose: () => void }) {
  const detail = trpc.swipes.company.get.useQuery({ id: swipeId ?? '' }, { enabled: Boolean(swipeId) });
  const s = detail.data;
  const first = s?.media[0];
  const videoSrc = first && isVideo(first) ? storedMediaSrc(first.mediaUrl) : null;
  const landing = safeUrl(s?.landingPage);
  const source = safeUrl(s?.adSourceLink);

  return (
    <Dialog open={Boolean(swipeId)} onOpenChange={(o) => (o ? undefined : onClose())}>
      <DialogContent className="max-h-[90vh] max-w-4xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{s ? (s.title ?? s.brand?.name ?? 'Untitled ad') : 'Loading ad…'}</DialogTitle>
          <DialogDescription>
            {s ? [s.brand?.name, s.platforms, s.displayFormat].filter(Boolean).join(' · ') : ' '}
          </DialogDescription>
        </DialogHeader>
        {!s ? (
          <Skeleton className="h-72" />
        ) : (
          <div className="grid gap-6 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
            <div className="grid content-start gap-3">
              {videoSrc ? (
                // biome-ignore lint/a11y/useMediaCaption: ad-library exports carry no caption tracks
                <video
                  src={videoSrc}
                  poster={storedMediaSrc(first?.thumbnailUrl) ?? undefined}
                  controls
                  preload="none"
                  className="w-full rounded-md bg-muted"
                />
              ) : (
                <SwipeThumb media={s.media} alt={s.title ?? 'Ad creative'} className="rounded-md" />
              )}
              <div className="flex flex-wrap gap-1.5">
                {s.active ? (
                  <Badge variant="success">Active</Badge>
                ) : (
                  <Badge variant="secondary">Inactive</Badge>
                )}
                {s.daysActive != null ? <Badge variant="outline">{s.daysActive} days running</Badge> : null}
                {s.startDate ? <Badge variant="outline">Since {formatDate(s.startDate)}</Badge> : null}
              </div>
            </div>
            <div className="grid content-start gap-4">
              {s.body ? <p className="text-sm whitespace-pre-line">{s.body}</p> : null}
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                {s.ctaText ? (
                  <>
                    <dt className="text-muted-foreground">CTA</dt>
                    <dd>{s.ctaText}</dd>
                  </>
                ) : null}
                {s.linkDescription ? (
                  <>
                    <dt className="text-muted-foreground">Link text</dt>
                    <dd>{s.linkDescription}</dd>
                  </>
                ) : null}
              </dl>
              <div className="flex flex-wrap gap-3 text-sm">
                {landing ? (
                  <a
                    href={landing}
                    target="_blank"
                    rel="noreferrer noopener"
                    className="inline-flex items-center gap-1 text-primary hover:underline"
                  >
                    Landing page <ExternalLinkIcon aria-hidden className="size-3.5" />
                  </a>
                ) : null}
                {source ? (
                  <a
                    href={source}
                    target="_blank"
                    rel="noreferrer noopener"
                    className="inline-flex items-center gap-1 text-primary hover:underline"
                  >
                    In the ad library <ExternalLinkIcon aria-hidden className="size-3.5" />
                  </a>
                ) : null}
              </div>
              <SaveToClient swipeId={s.id} />
            </div>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
