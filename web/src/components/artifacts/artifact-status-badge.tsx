import { Badge, type BadgeProps } from '@/components/ui/badge';

const VARIANT: Record<string, BadgeProps['variant']> = {
  draft: 'warning',
  approved: 'success',
  superseded: 'outline',
};

export function ArtifactStatusBadge({ status }: { status: string }) {
  return (
    <Badge variant={VARIANT[status] ?? 'secondary'}>{status.charAt(0).toUpperCase() + status.slice(1)}</Badge>
  );
}
