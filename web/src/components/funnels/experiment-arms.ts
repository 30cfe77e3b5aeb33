import { trpc } from '@/lib/trpc';

export interface ExperimentArm {
  experimentId: string;
  experimentName: string;
  variantId: string;
  variantName: string;
}

interface SpecData {
  experimentSpecs?: { id: string; name: string; variants: { id: string; name: string }[] }[];
}

/** Every arm of the campaign's experiment spec set (latest version), for variant and AI-draft pickers. */
export function useExperimentArms(clientId: string, campaignId: string | null) {
  return trpc.artifacts.latest.useQuery(
    { clientId, campaignId: campaignId ?? '', type: 'experiment_spec' },
    {
      enabled: Boolean(clientId && campaignId),
      meta: { silent: true },
      select: (a): ExperimentArm[] =>
        ((a?.data ?? {}) as SpecData).experimentSpecs?.flatMap((e) =>
          e.variants.map((v) => ({
            experimentId: e.id,
            experimentName: e.name,
            variantId: v.id,
            variantName: v.name,
          })),
        ) ?? [],
    },
  );
}

export const armKey = (a: { experimentId: string; variantId: string }) => `${a.experimentId}::${a.variantId}`;
