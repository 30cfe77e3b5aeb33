import { PlanValidationError, parsePlan } from '@mos/cloudhand/plan';
import {
  createFunnelDeployRun,
  currentDeployPlanRow,
  getDeployRun,
  getFunnel,
  listFunnelDomains,
} from '@mos/db';
import {
  DEPLOY_WORKFLOW_TYPE,
  type DeployProjectInput,
  type DeployRunStatus,
  deployWorkflowId,
  type FunnelPublishDeploy,
  SIGNAL_DEPLOY_ENQUEUE,
} from '@mos/db/contracts';
import { ApplicationFailure } from '@temporalio/common';
import { type ActivityDeps, NotFoundError, ValidationError } from '../deps';
import { type FunnelWorkloadPatchOptions, loadCloudhandEngine } from './engine';

export interface FunnelDeployPrepared {
  deployRunId: string;
  projectId: string;
  planVersion: number;
  status: DeployRunStatus;
  /** The funnel's workload and its instance, and how it was built (its access URLs are derived from these). */
  workload: FunnelWorkloadPatchOptions | null;
  instance: string | null;
}

/**
 * Publish + Deploy (reference §9.4) on the worker's side: the funnel's workload patched into the project's current
 * plan as a new version (source `funnel_publish`), a queued run for it, and the run enqueued in the project's
 * DeployProject workflow (signal-with-start). Server names: the request's, else the funnel's verified or active
 * domains, else none (the server's IP and the workload's port).
 */
export function funnelDeployActivities(deps: ActivityDeps) {
  const { db } = deps;

  return {
    /**
     * Creates the plan version and the queued run under `deployRunId` (chosen by the workflow), once: a retry
     * finds the run and patches nothing.
     */
    async prepareFunnelDeploy(input: {
      orgId: string;
      funnelId: string;
      deploy: FunnelPublishDeploy;
      deployRunId: string;
      requestedBy: string | null;
    }): Promise<FunnelDeployPrepared> {
      const done = await getDeployRun(db, input.orgId, input.deployRunId);
      if (done)
        return {
          deployRunId: done.id,
          projectId: done.projectId,
          planVersion: 0,
          status: done.status as DeployRunStatus,
          workload: null,
          instance: null,
        };
      const funnel = await getFunnel(db, input.orgId, input.funnelId);
      if (!funnel) throw new NotFoundError(`funnel ${input.funnelId}`);
      const { request, projectId } = input.deploy;
      let serverNames = request.serverNames;
      if (serverNames.length === 0) {
        const domains = await listFunnelDomains(db, input.orgId, { funnelId: funnel.id });
        serverNames = domains
          .filter((d) => d.status === 'verified' || d.status === 'active')
          .map((d) => d.hostname.toLowerCase())
          .sort();
      }
      const upstreamBaseUrl = request.upstreamBaseUrl ?? deps.deploy?.publicBaseUrl;
      if (!upstreamBaseUrl)
        throw new ValidationError(
          'no upstream for the funnel: set upstreamBaseUrl or DEPLOY_PUBLIC_BASE_URL',
        );
      const upstreamApiBaseUrl =
        request.upstreamApiBaseUrl ?? deps.deploy?.publicApiBaseUrl ?? upstreamBaseUrl;
      const current = await currentDeployPlanRow(db, input.orgId, projectId);
      if (!current)
        throw new ValidationError('the deploy project has no plan yet: save or bootstrap one first');
      const engine = deps.deploy?.engine ?? (await loadCloudhandEngine());
      const options: FunnelWorkloadPatchOptions = {
        publicId: funnel.publicId,
        ...(request.workloadName ? { workloadName: request.workloadName } : {}),
        serverNames,
        https: request.https,
        destinationPath: request.destinationPath,
        upstreamBaseUrl,
        upstreamApiBaseUrl,
      };
      try {
        const { patch } = engine.funnelWorkloadPatch(options);
        const patched = engine.patchWorkload(parsePlan(current.plan), patch, {
          ...(request.instanceName ? { instanceName: request.instanceName } : {}),
          createIfMissing: request.createIfMissing,
        });
        const stored = await createFunnelDeployRun(db, input.orgId, {
          runId: input.deployRunId,
          projectId,
          funnelId: funnel.id,
          plan: parsePlan(patched.plan),
          note: `Publish + Deploy of funnel '${funnel.name}' (workload ${patch.name} on ${patched.instance})`,
          requestedBy: input.requestedBy,
        });
        return {
          deployRunId: stored.run.id,
          projectId,
          planVersion: stored.planVersion,
          status: stored.run.status as DeployRunStatus,
          workload: { ...options, workloadName: patch.name },
          instance: patched.instance,
        };
      } catch (err) {
        // A patch the plan refuses (unknown instance, no such workload, an invalid result) is final.
        if (err instanceof PlanValidationError || errorReasonOf(err))
          throw ApplicationFailure.nonRetryable((err as Error).message, 'ValidationError');
        throw err;
      }
    },

    /**
     * Where the funnel answers after its run succeeded: its host names, or the server's IP and the port the run
     * assigned to the workload (cloudhand's `accessUrls` of the patch).
     */
    async funnelAccessUrls(input: {
      orgId: string;
      runId: string;
      workload: FunnelWorkloadPatchOptions;
      instance: string;
    }): Promise<string[]> {
      const run = await getDeployRun(db, input.orgId, input.runId);
      if (!run) throw new NotFoundError(`deploy run ${input.runId}`);
      const spec = run.resolvedSpec as {
        instances?: { name: string; workloads: { name: string; service_config: { ports?: number[] } }[] }[];
      } | null;
      const workload = spec?.instances
        ?.find((i) => i.name === input.instance)
        ?.workloads.find((w) => w.name === input.workload.workloadName);
      const ip = (run.serverIps as Record<string, string> | null)?.[input.instance] ?? '';
      const engine = deps.deploy?.engine ?? (await loadCloudhandEngine());
      return engine
        .funnelWorkloadPatch(input.workload)
        .accessUrls(ip, workload?.service_config.ports?.[0] ?? null);
    },

    /** Signal-with-start of the project's DeployProject workflow: the run joins its queue (or starts it). */
    async enqueueDeployRun(input: { orgId: string; projectId: string; runId: string }): Promise<void> {
      if (!deps.workflows)
        throw new ValidationError('this worker has no Temporal client to enqueue deploys with');
      const start: DeployProjectInput = { orgId: input.orgId, projectId: input.projectId };
      await deps.workflows.signalWithStart({
        workflowType: DEPLOY_WORKFLOW_TYPE,
        workflowId: deployWorkflowId(input.orgId, input.projectId),
        args: [start],
        signal: SIGNAL_DEPLOY_ENQUEUE,
        signalArgs: [{ runId: input.runId }],
      });
    },
  };
}

/** cloudhand's plan errors carry a `reason` (e.g. `invalid_plan`, `workload_not_found`). */
function errorReasonOf(err: unknown): string | null {
  const reason = (err as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' ? reason : null;
}
