import type { SwipeMediaImportInput } from '@mos/db/contracts';
import { acts } from './shared/activities';
import { trackedRun } from './shared/run';

export interface SwipeMediaImportSummary {
  stored: number;
  failed: number;
}

/**
 * Copies imported swipes' media from their ad-CDN URLs into the media store with thumbnails (started after a
 * swipe import). Items that cannot be copied are recorded as failed, each with its error; the run still completes.
 */
export async function SwipeMediaImport(
  input: SwipeMediaImportInput,
): Promise<SwipeMediaImportSummary | { stopped: true }> {
  return trackedRun(input, async (state) => {
    const r = await state.runStep(
      'copy_media',
      () => acts.importSwipeMedia({ orgId: input.orgId, swipeAssetIds: input.swipeAssetIds }),
      (x) => x,
      { swipes: input.swipeAssetIds.length },
    );
    return { stored: r.stored, failed: r.failed };
  });
}
