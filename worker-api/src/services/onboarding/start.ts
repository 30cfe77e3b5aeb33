import { createOnboardingPayload, getClient, updateClient } from '@mos/db';
import { DomainError } from '../../errors';
import type { OnboardingStart } from '../../schemas/onboarding';
import type { ServiceCtx } from '../context';
import { checkLlmStartLimit } from '../limits/llm-start';
import { startWorkflowRun } from '../workflows/start-run';

/**
 * Stores the intake, copies markets and languages onto the client and starts ClientOnboarding, all in one
 * transaction: if Temporal refuses, no payload, run or client change is left behind.
 */
export async function startOnboarding({ ctx, input }: { ctx: ServiceCtx; input: OnboardingStart }) {
  const orgId = ctx.member.orgId;
  const { clientId, intake } = input;
  await checkLlmStartLimit(ctx);
  return ctx.db.transaction(async (tx) => {
    if (!(await getClient(tx, orgId, clientId))) throw DomainError.notFound('client');
    const payload = await createOnboardingPayload(tx, orgId, {
      clientId,
      data: intake,
      createdBy: ctx.member.userId,
    });
    await updateClient(tx, orgId, clientId, {
      primaryMarkets: intake.primaryMarkets,
      primaryLanguages: intake.primaryLanguages,
    });
    const run = await startWorkflowRun(ctx, tx, {
      kind: 'client_onboarding',
      workflowId: `client-onboarding-${clientId}-${payload.id}`,
      clientId,
      campaignId: null,
      input: { onboardingPayloadId: payload.id },
    });
    return { runId: run.id, workflowId: run.temporalWorkflowId, payloadId: payload.id };
  });
}
