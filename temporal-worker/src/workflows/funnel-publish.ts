import type { FunnelPublishInput } from '@mos/db/contracts';
import { uuid4 } from '@temporalio/workflow';
import { acts } from './shared/activities';
import { trackedRun } from './shared/run';

export interface FunnelPublishResult {
  publicationId: string;
  number: number;
  pages: number;
  deployed: false;
}

/**
 * Publishes a funnel: check the publish rules on the funnel as stored now (a refusal fails the run naming each
 * page), render every page and variant once and store the immutable publication (one transaction, idempotent
 * per run), then make it the active one. The publication id is chosen here, before rendering: the HTML carries it.
 */
export async function FunnelPublish(
  input: FunnelPublishInput,
): Promise<FunnelPublishResult | { stopped: true }> {
  return trackedRun(input, async (state) => {
    const scope = { orgId: input.orgId, funnelId: input.funnelId };
    const checked = await state.runStep(
      'check',
      () => acts.checkFunnelPublish(scope),
      (c) => ({ pages: c.pages, variants: c.variants, versions: c.versions.length }),
    );
    const publicationId = uuid4();
    const stored = await state.runStep(
      'render_and_store',
      () =>
        acts.storeFunnelPublication({
          ...scope,
          runId: input.runId,
          publicationId,
          createdBy: input.startedBy,
          versions: checked.versions,
        }),
      (s) => s,
    );
    await state.runStep(
      'activate',
      () =>
        acts.activateFunnelPublication({
          ...scope,
          runId: input.runId,
          publicationId: stored.publicationId,
          actorUserId: input.startedBy,
        }),
      (a) => a,
    );
    if (input.deploy === null) {
      // Publish + Deploy (nginx on a server) is the deploy issue's: with no deploy target the edge and the funnel
      // proxy serve the active publication as soon as it is switched, so there is nothing more to do.
      state.snapshot.step = 'deploy:none';
    }
    return {
      publicationId: stored.publicationId,
      number: stored.number,
      pages: stored.pages,
      deployed: false,
    };
  });
}
