import type { CSSProperties } from 'react';
import { Toaster as Sonner, type ToasterProps } from 'sonner';

export { toast } from 'sonner';

export function Toaster(props: ToasterProps) {
  return (
    <Sonner
      position="bottom-right"
      richColors
      closeButton
      toastOptions={{ classNames: { toast: 'font-sans text-sm' } }}
      // Sonner's rich success green (#008a2e on #ecfdf3) is 4.25:1; darker text meets WCAG AA (4.5:1).
      style={{ '--success-text': '#006b24', '--error-text': '#b4001f' } as CSSProperties}
      {...props}
    />
  );
}
