import { getClient, getLatestOnboardingPayload } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { OnboardingByClient, OnboardingIntake } from '../../schemas/onboarding';
import type { ServiceCtx } from '../context';

/** The client's most recent onboarding intake, or null when it was never onboarded. */
export async function getLatestIntake({ ctx, input }: { ctx: ServiceCtx; input: OnboardingByClient }) {
  const row = await getLatestOnboardingPayload(ctx.db, ctx.member.orgId, input.clientId);
  // onboarding.start stores only intakes parsed by OnboardingIntake, so the wizard can prefill from this.
  if (row) return toJson({ ...row, data: row.data as OnboardingIntake });
  // No payload: tell "not onboarded yet" (null) from "not your client" (NOT_FOUND).
  if (!(await getClient(ctx.db, ctx.member.orgId, input.clientId))) throw DomainError.notFound('client');
  return null;
}
