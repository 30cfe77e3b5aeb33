/** @jsxRuntime automatic @jsxImportSource react */
import { BUTTON_PRIMARY, BUTTON_SECONDARY } from '../blocks/styles';

export const DEFAULT_CONSENT_BANNER_TEXT =
  'We use cookies and similar technology to measure how this page performs and to improve our ads. Is that OK?';

/**
 * The consent banner of a funnel that asks first (`consent: 'banner'`). Rendered hidden: the page script shows it
 * while no `mos_consent` cookie is set, and the visitor's choice sets that cookie.
 */
export function ConsentBanner({ text }: { text: string }) {
  return (
    <div
      data-mos-consent-banner=""
      hidden
      role="dialog"
      aria-label="Cookie consent"
      className="fixed inset-x-0 bottom-0 z-50 border-t border-neutral-200 bg-white px-6 py-4 text-sm text-neutral-900 shadow-lg"
    >
      <div className="mx-auto flex max-w-5xl flex-col items-center gap-3 md:flex-row md:justify-between">
        <p>{text}</p>
        <div className="flex shrink-0 gap-2">
          <button
            type="button"
            data-mos-consent-choice="denied"
            className={`${BUTTON_SECONDARY} cursor-pointer py-2`}
          >
            Decline
          </button>
          <button
            type="button"
            data-mos-consent-choice="granted"
            className={`${BUTTON_PRIMARY} cursor-pointer py-2`}
          >
            Accept
          </button>
        </div>
      </div>
    </div>
  );
}
