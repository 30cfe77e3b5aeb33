/** @jsxRuntime automatic @jsxImportSource react */
import { hrefFor, isExternal, useRenderContext } from '../context';
import type { BlockPropsOf } from '../schema';
import { BUTTON_PRIMARY, BUTTON_SECONDARY, CONTAINER } from './styles';

export function Button(props: BlockPropsOf<'Button'>) {
  const ctx = useRenderContext();
  return (
    <section data-block-id={props.id} data-block-type="Button" className="px-6 py-6">
      <p className={`${CONTAINER} text-center`}>
        <a
          href={hrefFor(props.target, ctx)}
          data-mos-cta={props.id}
          rel={isExternal(props.target) ? 'noopener' : undefined}
          className={props.variant === 'primary' ? BUTTON_PRIMARY : BUTTON_SECONDARY}
        >
          {props.label}
        </a>
      </p>
    </section>
  );
}
