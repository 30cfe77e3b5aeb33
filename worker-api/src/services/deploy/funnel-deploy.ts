import { type FunnelRow, getDeployProjectByName, listFunnelDomains, type Queryable } from '@mos/db';
import type { FunnelDeployRequest, FunnelPublishDeploy } from '@mos/db/contracts';
import { DomainError } from '../../errors';
import type { ServiceCtx } from '../context';

/** Domains that serve a funnel once deployed: verified by their TXT record, or already serving. */
const SERVING_DOMAIN_STATUSES = new Set(['verified', 'active']);
const HTTP_URL = /^https?:\/\/\S+$/;

function upstream(
  given: string | null,
  fallback: string | undefined,
  field: 'upstreamBaseUrl' | 'upstreamApiBaseUrl',
  envName: string,
): string {
  const url = given?.trim() || fallback;
  if (!url) {
    throw new DomainError('VALIDATION', `deploy.${field}: is required (or set ${envName} on the API)`, {
      issues: [
        { path: ['deploy', field], message: `is required (or set ${envName} on the API)`, reason: 'missing' },
      ],
    });
  }
  if (!HTTP_URL.test(url)) {
    throw DomainError.field(['deploy', field], 'must start with http:// or https://');
  }
  return url.replace(/\/+$/, '');
}

/**
 * Publish + Deploy's request as the FunnelPublish workflow gets it (reference §9.4): the project by name in the
 * caller's org (NOT_FOUND otherwise), server names from the request (each one of the funnel's verified or active
 * custom domains), else all of those domains, else none (the server's IP and the workload's own port), and both upstream URLs from the request or
 * the API's DEPLOY_PUBLIC_BASE_URL / DEPLOY_PUBLIC_API_BASE_URL (BAD_REQUEST naming the field when neither; the API
 * URL falls back to the base URL).
 */
export async function resolveFunnelDeploy(
  ctx: ServiceCtx,
  q: Queryable,
  funnel: FunnelRow,
  request: FunnelDeployRequest,
): Promise<FunnelPublishDeploy> {
  const orgId = ctx.member.orgId;
  const project = await getDeployProjectByName(q, orgId, request.project);
  if (!project) {
    throw new DomainError('NOT_FOUND', 'deploy.project: deploy project not found', {
      issues: [
        {
          path: ['deploy', 'project'],
          message: 'names no deploy project of this organization',
          reason: 'not_found',
        },
      ],
    });
  }
  const domains = await listFunnelDomains(q, orgId, { funnelId: funnel.id });
  const serving = [
    ...new Set(
      domains.filter((d) => SERVING_DOMAIN_STATUSES.has(d.status)).map((d) => d.hostname.toLowerCase()),
    ),
  ].sort();
  // The funnel proxy finds a funnel by its Host only among the funnel's verified domains: any other name would
  // deploy fine and then answer "page not found" to every visitor.
  const unknown = request.serverNames.flatMap((name, i) =>
    serving.includes(name.toLowerCase())
      ? []
      : [
          {
            path: ['deploy', 'serverNames', i],
            message: `${name} is not a verified domain of this funnel: add and verify it under Domains, or leave the server names empty to serve on the server's IP and a port`,
            reason: 'invalid',
          },
        ],
  );
  if (unknown.length) {
    throw new DomainError('VALIDATION', `deploy.serverNames: ${unknown.map((u) => u.message).join('; ')}`, {
      issues: unknown,
    });
  }
  const serverNames = request.serverNames.length
    ? [...new Set(request.serverNames.map((n) => n.toLowerCase()))]
    : serving;
  const upstreamBaseUrl = upstream(
    request.upstreamBaseUrl,
    ctx.deployPublicBaseUrl,
    'upstreamBaseUrl',
    'DEPLOY_PUBLIC_BASE_URL',
  );
  return {
    projectId: project.id,
    request: {
      ...request,
      serverNames,
      upstreamBaseUrl,
      // The funnel proxy answers the funnel's API routes too, so one origin is enough (as the worker resolves it).
      upstreamApiBaseUrl: upstream(
        request.upstreamApiBaseUrl,
        ctx.deployPublicApiBaseUrl ?? upstreamBaseUrl,
        'upstreamApiBaseUrl',
        'DEPLOY_PUBLIC_API_BASE_URL',
      ),
    },
  };
}
