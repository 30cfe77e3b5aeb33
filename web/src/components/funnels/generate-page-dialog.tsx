import { SparklesIcon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { NativeSelect } from '@/components/ui/native-select';
import { Textarea } from '@/components/wizard/textarea';
import { armKey, type ExperimentArm } from './experiment-arms';
import { RunProgress } from './run-progress';
import type { FunnelPageRow } from './types';

export interface GenerateRequest {
  pageId: string;
  offerId: string | null;
  experimentId: string | null;
  experimentVariantId: string | null;
  instructions: string | null;
}

/**
 * "Generate page": an AI draft of a page from the canon, an offer and an experiment arm. The run's progress shows
 * here; once done, the editor opens the `source=ai` draft for review (nothing is approved by the run).
 */
export function GeneratePageDialog({
  pages,
  offers,
  arms,
  defaultOfferId,
  editHref,
  onStart,
}: {
  pages: readonly Pick<FunnelPageRow, 'id' | 'name'>[];
  offers: readonly { id: string; name: string }[];
  arms: readonly ExperimentArm[];
  defaultOfferId: string | null;
  editHref: (pageId: string) => string;
  onStart: (req: GenerateRequest) => Promise<{ runId: string }>;
}) {
  const [open, setOpen] = useState(false);
  const [pageId, setPageId] = useState('');
  const [offerId, setOfferId] = useState(defaultOfferId ?? '');
  const [arm, setArm] = useState('');
  const [instructions, setInstructions] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [run, setRun] = useState<{ runId: string; pageId: string; done: boolean } | null>(null);
  const [starting, setStarting] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!pageId) {
      setError('Choose the page to draft');
      return;
    }
    setError(null);
    setStarting(true);
    const chosen = arms.find((a) => armKey(a) === arm);
    try {
      const { runId } = await onStart({
        pageId,
        offerId: offerId || null,
        experimentId: chosen?.experimentId ?? null,
        experimentVariantId: chosen?.variantId ?? null,
        instructions: instructions.trim() || null,
      });
      setRun({ runId, pageId, done: false });
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The draft could not be started');
    } finally {
      setStarting(false);
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o && run?.done) setRun(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" disabled={pages.length === 0}>
          <SparklesIcon aria-hidden /> Generate page
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Generate a page draft</DialogTitle>
          <DialogDescription>
            MOS drafts the page from the client’s canon, the offer and the experiment arm. The draft opens in
            the editor for your review; nothing goes live until you approve and publish.
          </DialogDescription>
        </DialogHeader>
        {run ? (
          <div className="grid gap-4">
            <RunProgress runId={run.runId} onDone={() => setRun((r) => (r ? { ...r, done: true } : r))} />
            {run.done ? (
              <Button asChild>
                <Link to={editHref(run.pageId)}>Review the draft in the editor</Link>
              </Button>
            ) : null}
          </div>
        ) : (
          <form className="grid gap-4" noValidate onSubmit={(e) => void submit(e)} aria-label="Generate page">
            <FormField id="generate-page" label="Page" error={error ?? undefined}>
              <NativeSelect id="generate-page" value={pageId} onChange={(e) => setPageId(e.target.value)}>
                <option value="">Choose a page</option>
                {pages.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField id="generate-offer" label="Offer">
              <NativeSelect id="generate-offer" value={offerId} onChange={(e) => setOfferId(e.target.value)}>
                <option value="">No specific offer</option>
                {offers.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField id="generate-arm" label="Experiment arm">
              <NativeSelect id="generate-arm" value={arm} onChange={(e) => setArm(e.target.value)}>
                <option value="">None</option>
                {arms.map((a) => (
                  <option key={armKey(a)} value={armKey(a)}>
                    {a.experimentName} · {a.variantName}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField
              id="generate-instructions"
              label="Instructions"
              hint="Optional: angle, sections to include, tone."
            >
              <Textarea
                id="generate-instructions"
                rows={4}
                value={instructions}
                onChange={(e) => setInstructions(e.target.value)}
              />
            </FormField>
            <DialogFooter>
              <Button variant="outline" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={starting}>
                {starting ? 'Starting…' : 'Generate draft'}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
