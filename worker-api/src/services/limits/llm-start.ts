import { DomainError } from '../../errors';
import type { ServiceCtx } from '../context';

/**
 * Counts one start of LLM work against the caller's user and org limits, before anything is written or started;
 * refused → RATE_LIMITED with the seconds to wait.
 */
export async function checkLlmStartLimit(
  ctx: Pick<ServiceCtx, 'member' | 'llmStartLimiters'>,
): Promise<void> {
  const user = await ctx.llmStartLimiters.user.limit(`user:${ctx.member.userId}`);
  if (!user.ok) {
    throw new DomainError(
      'RATE_LIMITED',
      `too many AI runs started by you; try again in ${user.retryAfterSeconds}s`,
      {
        retryAfterSeconds: user.retryAfterSeconds,
      },
    );
  }
  const org = await ctx.llmStartLimiters.org.limit(`org:${ctx.member.orgId}`);
  if (!org.ok) {
    throw new DomainError(
      'RATE_LIMITED',
      `too many AI runs started in this organization; try again in ${org.retryAfterSeconds}s`,
      { retryAfterSeconds: org.retryAfterSeconds },
    );
  }
}
