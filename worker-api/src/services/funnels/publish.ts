import {
  activatePublication,
  getFunnelPublication,
  latestFunnelVersions,
  listFunnelPages,
  listFunnelPublications,
  listFunnelVariants,
  lockFunnel,
  runningFunnelPublish,
  writeAudit,
} from '@mos/db';
import type { FunnelPublishDeploy, FunnelPublishInput, RunInput } from '@mos/db/contracts';
import { checkPublishRules } from '@mos/funnel-blocks/publish-rules';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { FunnelPublish, FunnelRef, FunnelRollback } from '../../schemas/funnels';
import type { ServiceCtx } from '../context';
import { resolveFunnelDeploy } from '../deploy/funnel-deploy';
import { startWorkflowRun } from '../workflows/start-run';
import { publishCandidate, requireFunnel } from './shared';

/**
 * Checks the publish rules and starts the FunnelPublish workflow (render every page and variant once, store the
 * publication, make it active). Refused with CONFLICT listing every problem with its page, or when a publish of
 * this funnel is still running. The funnel row is locked while this runs, so two clicks start one workflow.
 * With `deploy` (admins only: deploys are), the resolved request goes to the workflow, which patches the funnel's
 * workload into the project's plan as a new version and applies it.
 */
export async function publishFunnel({ ctx, input }: { ctx: ServiceCtx; input: FunnelPublish }) {
  const orgId = ctx.member.orgId;
  if (input.deploy && ctx.member.role !== 'admin') {
    throw new DomainError('FORBIDDEN', 'deploy: Publish + Deploy needs the admin role', {
      issues: [{ path: ['deploy'], message: 'needs the admin role', reason: 'admin_only' }],
    });
  }
  const { run, deploy } = await ctx.db.transaction(async (tx) => {
    const funnel = await lockFunnel(tx, orgId, input.funnelId);
    if (!funnel) throw DomainError.notFound('funnel');
    const deploy: FunnelPublishDeploy | null = input.deploy
      ? await resolveFunnelDeploy(ctx, tx, funnel, input.deploy)
      : null;
    const [pages, variants, versions] = await Promise.all([
      listFunnelPages(tx, orgId, funnel.id),
      listFunnelVariants(tx, orgId, funnel.id),
      latestFunnelVersions(tx, orgId, funnel.id),
    ]);
    const check = checkPublishRules(publishCandidate(funnel, pages, variants, versions));
    if (!check.ok) {
      throw new DomainError(
        'CONFLICT',
        `the funnel cannot be published: ${check.problems.map((p) => p.message).join(' ')}`,
        {
          issues: check.problems.map((p) => ({
            path: p.pageId ? ['pages', p.pageId] : ['funnelId'],
            message: p.message,
            reason: p.reason,
          })),
        },
      );
    }
    if (await runningFunnelPublish(tx, orgId, funnel.id)) {
      throw new DomainError('CONFLICT', 'funnelId: a publish of this funnel is still running', {
        issues: [{ path: ['funnelId'], message: 'is being published', reason: 'publish_running' }],
      });
    }
    const workflowInput = { funnelId: funnel.id, deploy } satisfies Omit<FunnelPublishInput, keyof RunInput>;
    const started = await startWorkflowRun(ctx, tx, {
      kind: 'funnel_publish',
      workflowId: `funnel-publish-${funnel.id}-${crypto.randomUUID().slice(0, 8)}`,
      clientId: funnel.clientId,
      campaignId: funnel.campaignId,
      input: workflowInput,
    });
    if (deploy) {
      await writeAudit(tx, {
        orgId,
        actorUserId: ctx.member.userId,
        action: 'deploy.funnel_publish',
        targetType: 'deploy_project',
        targetId: deploy.projectId,
        data: {
          projectId: deploy.projectId,
          funnelId: funnel.id,
          publishRunId: started.id,
          serverNames: deploy.request.serverNames,
          workloadName: deploy.request.workloadName,
        },
      });
    }
    return { run: started, deploy };
  });
  return {
    runId: run.id,
    workflowId: run.temporalWorkflowId,
    deploy: deploy ? { projectId: deploy.projectId } : null,
  };
}

/** A funnel's publications, newest first: number, when, by whom, the pages and variants it holds, which is active. */
export async function listPublications({ ctx, input }: { ctx: ServiceCtx; input: FunnelRef }) {
  await requireFunnel(ctx, input.funnelId);
  return toJson(await listFunnelPublications(ctx.db, ctx.member.orgId, input.funnelId));
}

/**
 * Makes an earlier publication of the same funnel the active one again (one statement), with an audit record. The
 * edge and the funnel proxy serve its stored HTML at once; nothing is rendered again.
 */
export async function rollbackFunnel({ ctx, input }: { ctx: ServiceCtx; input: FunnelRollback }) {
  const orgId = ctx.member.orgId;
  return ctx.db.transaction(async (tx) => {
    const funnel = await lockFunnel(tx, orgId, input.funnelId);
    if (!funnel) throw DomainError.notFound('funnel');
    const switched = await activatePublication(tx, orgId, funnel.id, input.publicationId);
    if (!switched) throw DomainError.notFound('publication');
    const publication = await getFunnelPublication(tx, orgId, input.publicationId);
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: 'funnel.rollback',
      targetType: 'funnel',
      targetId: funnel.id,
      data: {
        fromPublicationId: funnel.activePublicationId,
        toPublicationId: input.publicationId,
        toNumber: publication?.number ?? null,
      },
    });
    return toJson({
      funnelId: funnel.id,
      status: switched.status,
      activePublicationId: switched.activePublicationId,
      number: publication?.number ?? null,
    });
  });
}
