import type { LucideIcon } from 'lucide-react';
import { PageHeader } from '@/components/layout/page-header';
import { EmptyState } from '@/components/ui/empty-state';

/** A route whose screens are not built yet: says so plainly instead of showing made-up data. */
export function ComingNext({
  title,
  description,
  icon,
  next,
}: {
  title: string;
  description: string;
  icon: LucideIcon;
  next: string;
}) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <EmptyState icon={icon} title="Coming next" description={next} />
    </>
  );
}
