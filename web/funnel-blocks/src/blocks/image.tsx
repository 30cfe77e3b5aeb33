/** @jsxRuntime automatic @jsxImportSource react */
import { imageSrc, useRenderContext } from '../context';
import type { BlockPropsOf } from '../schema';
import { CONTAINER, SECTION } from './styles';

export function Image(props: BlockPropsOf<'Image'>) {
  const ctx = useRenderContext();
  return (
    <section data-block-id={props.id} data-block-type="Image" className={SECTION}>
      <figure className={`${CONTAINER} text-center`}>
        <img
          src={imageSrc(props.image, ctx)}
          alt={props.image.alt}
          width={props.image.width}
          height={props.image.height}
          loading="lazy"
          decoding="async"
          className="mx-auto h-auto max-w-full rounded-[var(--mos-radius)]"
        />
        {props.caption ? (
          <figcaption className="mt-3 text-sm text-[var(--mos-muted)]">{props.caption}</figcaption>
        ) : null}
      </figure>
    </section>
  );
}
