import { toast } from 'sonner';
import { errorCode, errorMessage, type FieldIssue, fieldIssuesOf } from '@/lib/errors';
import { type RouterInputs, trpc } from '@/lib/trpc';

export type ReviewInput = RouterInputs['workflows']['review'];
/** A decision as a panel makes it: the run and the draft it names are filled in by `useReview`. */
export type Decision = Omit<ReviewInput, 'runId' | 'draftKey'>;

const DONE: Record<ReviewInput['decision'], string> = {
  approve: 'Approved. The run continues.',
  edit: 'Edits saved and approved. The run continues.',
  reject: 'Sent back with your feedback.',
  retry: 'Retrying the step.',
};

/** What a person reads when the draft they decided on is no longer the one the run waits at. */
export const DRAFT_CHANGED =
  'The draft changed while you were deciding, so your decision was not applied. The latest draft is shown now.';

/**
 * workflows.review for one run, naming the draft the reviewer saw (`draftKey`). A CONFLICT answer means the run has
 * moved on (a new draft, another gate, someone else decided): say so plainly and fetch the run again.
 */
export function useReview(runId: string, draftKey: string | null) {
  const utils = trpc.useUtils();
  const refresh = () =>
    Promise.all([utils.workflows.get.invalidate({ runId }), utils.workflows.list.invalidate()]);
  const mutation = trpc.workflows.review.useMutation({
    // Errors are said here (a conflict in its own words); the query client still handles an ended session.
    meta: { silent: true },
    onSuccess: async (_data, input) => {
      toast.success(DONE[input.decision]);
      await refresh();
    },
    onError: async (err) => {
      if (errorCode(err) === 'UNAUTHORIZED') return;
      if (errorCode(err) === 'CONFLICT') {
        toast.error(DRAFT_CHANGED, { id: `draft-changed-${runId}` });
        await refresh();
        return;
      }
      toast.error(errorMessage(err));
    },
  });
  const decide = (decision: Decision, opts?: { onSuccess?: () => void }) => {
    if (!draftKey) {
      toast.error('The run’s current draft is not known yet. Refreshing…');
      void refresh();
      return;
    }
    mutation.mutate({ ...decision, runId, draftKey }, opts);
  };
  const conflict = errorCode(mutation.error) === 'CONFLICT';
  return { ...mutation, decide, conflict, canDecide: draftKey !== null };
}

/** The server's issues under `prefix` (e.g. `edited`), re-rooted at the edited value. */
export function issuesUnder(err: unknown, prefix: string): FieldIssue[] {
  return fieldIssuesOf(err)
    .filter((i) => i.path[0] === prefix)
    .map((i) => ({ path: i.path.slice(1), message: i.message }));
}
