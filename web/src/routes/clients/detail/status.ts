import type { BadgeProps } from '@/components/ui/badge';

export const STATUS_VARIANT: Record<string, BadgeProps['variant']> = {
  active: 'success',
  paused: 'warning',
  archived: 'secondary',
  draft: 'secondary',
  approved: 'success',
  superseded: 'outline',
  running: 'default',
  waiting_for_approval: 'warning',
  completed: 'success',
  failed: 'destructive',
  cancelled: 'secondary',
  planning: 'default',
  completed_campaign: 'success',
};
