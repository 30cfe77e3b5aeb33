/** @jsxRuntime automatic @jsxImportSource react */
import { hrefFor, isExternal, useRenderContext } from '../context';
import type { BlockPropsOf } from '../schema';
import { BUTTON_PRIMARY, H2, SECTION, WIDE_CONTAINER } from './styles';

type PricePoint = BlockPropsOf<'OfferPricing'>['pricePoints'][number];

const INTERVAL_SUFFIX: Record<PricePoint['interval'], string> = {
  once: '',
  month: ' / month',
  year: ' / year',
};

/** `$49.00 / month`: the amount in the currency's own minor unit (JPY has none), formatted with Intl. */
export function formatPrice(
  point: Pick<PricePoint, 'amountMinor' | 'currency' | 'interval'>,
  locale = 'en-US',
): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: point.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return `${format.format(point.amountMinor / 10 ** digits)}${INTERVAL_SUFFIX[point.interval]}`;
}

export function OfferPricing(props: BlockPropsOf<'OfferPricing'>) {
  const ctx = useRenderContext();
  const href = hrefFor(props.ctaTarget, ctx);
  return (
    <section data-block-id={props.id} data-block-type="OfferPricing" className={SECTION}>
      <div className={`${WIDE_CONTAINER} text-center`}>
        <h2 className={H2}>{props.heading}</h2>
        {props.description ? (
          <p className="mx-auto mb-6 max-w-2xl text-lg text-[var(--mos-muted)]">{props.description}</p>
        ) : null}
        {props.bullets.length > 0 ? (
          <ul className="mx-auto mb-8 max-w-xl space-y-2 text-left">
            {props.bullets.map((bullet, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: bullets are plain strings that may repeat
              <li key={i} className="flex gap-2">
                <span aria-hidden="true" className="font-bold text-[var(--mos-accent)]">
                  ✓
                </span>
                <span>{bullet}</span>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="flex flex-wrap justify-center gap-6">
          {props.pricePoints.map((point, i) => (
            <div
              // biome-ignore lint/suspicious/noArrayIndexKey: price points have no id of their own
              key={i}
              className="flex w-full max-w-xs flex-col rounded-[var(--mos-radius)] border border-neutral-200 bg-white p-6 text-neutral-900 shadow-sm"
            >
              <p className="text-sm font-semibold uppercase tracking-wider text-neutral-500">{point.label}</p>
              <p className="mt-2 text-3xl font-extrabold">{formatPrice(point, ctx.locale)}</p>
              {point.note ? <p className="mt-2 text-sm text-neutral-500">{point.note}</p> : null}
              <p className="mt-6">
                <a
                  href={href}
                  data-mos-cta={props.id}
                  data-mos-price={point.label}
                  rel={isExternal(props.ctaTarget) ? 'noopener' : undefined}
                  className={`${BUTTON_PRIMARY} w-full`}
                >
                  {props.ctaLabel}
                </a>
              </p>
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
