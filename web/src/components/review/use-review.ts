import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { type FieldIssue, fieldIssuesOf } from '@/lib/errors';
import { api, type RouterInputs } from '@/lib/trpc';

export type ReviewInput = RouterInputs['workflows']['review'];

const DONE: Record<ReviewInput['decision'], string> = {
  approve: 'Approved. The run continues.',
  edit: 'Edits saved and approved. The run continues.',
  reject: 'Sent back with your feedback.',
};

/** workflows.review, with the run's queries refreshed after a decision; errors toast through the query client. */
export function useReview(runId: string) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (input: ReviewInput) => api.workflows.review.mutate(input),
    onSuccess: async (_data, input) => {
      toast.success(DONE[input.decision]);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['workflows.get', { runId }] }),
        queryClient.invalidateQueries({ queryKey: ['workflows.list'] }),
      ]);
    },
  });
  return mutation;
}

/** The server's issues under `prefix` (e.g. `edited`), re-rooted at the edited value. */
export function issuesUnder(err: unknown, prefix: string): FieldIssue[] {
  return fieldIssuesOf(err)
    .filter((i) => i.path[0] === prefix)
    .map((i) => ({ path: i.path.slice(1), message: i.message }));
}
