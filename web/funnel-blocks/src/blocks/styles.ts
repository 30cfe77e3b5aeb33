/**
 * Class strings several blocks share. Written out in full (never assembled from parts) so Tailwind's scanner in the
 * web app and the publisher's candidate collection both see every class.
 */
export const SECTION = 'px-6 py-8 md:py-12';
export const CONTAINER = 'mx-auto max-w-3xl';
export const WIDE_CONTAINER = 'mx-auto max-w-5xl';
export const H2 =
  'mb-6 font-[family-name:var(--mos-font-heading)] text-2xl font-bold leading-tight tracking-tight md:text-3xl';
export const BUTTON_PRIMARY =
  'inline-block rounded-[var(--mos-radius)] bg-[var(--mos-primary)] px-6 py-3 text-center text-base font-semibold text-[var(--mos-primary-text)] no-underline shadow-sm hover:opacity-90';
export const BUTTON_SECONDARY =
  'inline-block rounded-[var(--mos-radius)] border-2 border-[var(--mos-primary)] px-6 py-3 text-center text-base font-semibold text-[var(--mos-primary)] no-underline hover:bg-[var(--mos-primary)] hover:text-[var(--mos-primary-text)]';
export const MUTED = 'text-[var(--mos-muted)]';
