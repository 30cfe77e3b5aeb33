import type { RouterOutputs } from '@/lib/trpc';

export type FunnelDetail = RouterOutputs['funnels']['get'];

export const editHref = (funnelId: string) => (pageId: string, variantId?: string | null) =>
  `/funnels/${funnelId}/pages/${pageId}/edit${variantId ? `?variant=${variantId}` : ''}`;
