import type { DomainStatus, FunnelStatus, LeadDeliveryStatus } from '@mos/db/contracts';
import { Badge, type BadgeProps } from '@/components/ui/badge';
import { funnelLabel } from '@/lib/labels';
import type { PageState } from './page-state';

type Variant = BadgeProps['variant'];

const FUNNEL: Record<FunnelStatus, Variant> = {
  draft: 'secondary',
  published: 'success',
  disabled: 'destructive',
  archived: 'outline',
};
const PAGE: Record<PageState, Variant> = { draft: 'secondary', approved: 'success', changed: 'warning' };
const DOMAIN: Record<DomainStatus, Variant> = {
  pending: 'warning',
  verified: 'default',
  active: 'success',
  disabled: 'destructive',
};
const DELIVERY: Record<LeadDeliveryStatus, Variant> = {
  none: 'outline',
  pending: 'warning',
  delivered: 'success',
  failed: 'destructive',
};

export const FunnelStatusBadge = ({ status }: { status: FunnelStatus }) => (
  <Badge variant={FUNNEL[status]}>{funnelLabel('funnel', status)}</Badge>
);
export const PageStateBadge = ({ state }: { state: PageState }) => (
  <Badge variant={PAGE[state]}>{funnelLabel('page', state)}</Badge>
);
export const DomainStatusBadge = ({ status }: { status: DomainStatus }) => (
  <Badge variant={DOMAIN[status]}>{funnelLabel('domain', status)}</Badge>
);
export const DeliveryStatusBadge = ({ status }: { status: LeadDeliveryStatus }) => (
  <Badge variant={DELIVERY[status]}>{funnelLabel('delivery', status)}</Badge>
);
