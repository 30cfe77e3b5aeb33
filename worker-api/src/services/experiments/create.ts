import { insertExperiment, loadExperimentSource } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { ExperimentCreate } from '../../schemas/experiments';
import type { ServiceCtx } from '../context';

/** The spec ids inside an ExperimentSpecSet document (stored data is schema-valid; read defensively anyway). */
function specIds(data: unknown): string[] {
  const specs = (data as { experimentSpecs?: unknown } | null)?.experimentSpecs;
  if (!Array.isArray(specs)) return [];
  return specs
    .map((s) => (s as { id?: unknown } | null)?.id)
    .filter((id): id is string => typeof id === 'string');
}

/** Creates a planned experiment for one spec of the campaign's experiment_spec artifact. */
export async function createExperiment({ ctx, input }: { ctx: ServiceCtx; input: ExperimentCreate }) {
  const orgId = ctx.member.orgId;
  const source = await loadExperimentSource(ctx.db, orgId, input.campaignId, input.experimentSpecArtifactId);
  if (!source) throw DomainError.notFound('campaign');
  const artifact = source.artifact;
  if (!artifact) throw DomainError.notFound('experiment spec artifact');
  if (artifact.type !== 'experiment_spec') {
    throw DomainError.field(['experimentSpecArtifactId'], 'is not an experiment_spec artifact');
  }
  if (artifact.campaignId !== input.campaignId) {
    throw DomainError.field(['experimentSpecArtifactId'], 'is not an artifact of this campaign');
  }
  if (!specIds(artifact.data).includes(input.specId)) {
    throw DomainError.field(['specId'], 'is not a spec of this experiment_spec artifact');
  }
  const row = await insertExperiment(ctx.db, orgId, {
    clientId: source.campaign.clientId,
    campaignId: input.campaignId,
    name: input.name,
    experimentSpecArtifactId: artifact.id,
    specId: input.specId,
  });
  return toJson(row);
}
