import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils';

export const badgeVariants = cva(
  'inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap',
  {
    variants: {
      variant: {
        default: 'border-transparent bg-primary/10 text-primary',
        secondary: 'border-transparent bg-secondary text-secondary-foreground',
        outline: 'text-foreground',
        // Text darker than --success: at text-xs the brand green on its tint fails WCAG AA contrast (axe color-contrast).
        success: 'border-transparent bg-success/12 text-[oklch(0.45_0.11_160)]',
        warning: 'border-transparent bg-warning/15 text-[oklch(0.5_0.12_60)]',
        // Likewise darker than --destructive, which reads at 4.0:1 on its own tint at text-xs.
        destructive: 'border-transparent bg-destructive/10 text-[oklch(0.48_0.19_27)]',
      },
    },
    defaultVariants: { variant: 'default' },
  },
);

export type BadgeProps = ComponentProps<'span'> & VariantProps<typeof badgeVariants>;

export function Badge({ className, variant, ...props }: BadgeProps) {
  return <span className={cn(badgeVariants({ variant }), className)} {...props} />;
}
