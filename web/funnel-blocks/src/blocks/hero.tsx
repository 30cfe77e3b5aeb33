/** @jsxRuntime automatic @jsxImportSource react */
import { hrefFor, imageSrc, isExternal, useRenderContext } from '../context';
import type { BlockPropsOf } from '../schema';
import { BUTTON_PRIMARY, CONTAINER } from './styles';

export function Hero(props: BlockPropsOf<'Hero'>) {
  const ctx = useRenderContext();
  const centered = props.align === 'center';
  return (
    <section data-block-id={props.id} data-block-type="Hero" className="px-6 pt-16 pb-8 md:pt-24 md:pb-12">
      <div className={centered ? `${CONTAINER} text-center` : `${CONTAINER} text-left`}>
        {props.eyebrow ? (
          <p className="mb-3 text-sm font-semibold uppercase tracking-wider text-[var(--mos-primary)]">
            {props.eyebrow}
          </p>
        ) : null}
        <h1 className="font-[family-name:var(--mos-font-heading)] text-4xl font-extrabold leading-tight tracking-tight md:text-5xl">
          {props.headline}
        </h1>
        {props.subheadline ? (
          <p className="mt-5 text-lg leading-relaxed text-[var(--mos-muted)] md:text-xl">
            {props.subheadline}
          </p>
        ) : null}
        {props.ctaLabel && props.ctaTarget ? (
          <p className="mt-8">
            <a
              href={hrefFor(props.ctaTarget, ctx)}
              data-mos-cta={props.id}
              className={BUTTON_PRIMARY}
              rel={isExternal(props.ctaTarget) ? 'noopener' : undefined}
            >
              {props.ctaLabel}
            </a>
          </p>
        ) : null}
        {props.image ? (
          <img
            src={imageSrc(props.image, ctx)}
            alt={props.image.alt}
            width={props.image.width}
            height={props.image.height}
            decoding="async"
            className={
              centered
                ? 'mx-auto mt-10 h-auto max-w-full rounded-[var(--mos-radius)]'
                : 'mt-10 h-auto max-w-full rounded-[var(--mos-radius)]'
            }
          />
        ) : null}
      </div>
    </section>
  );
}
