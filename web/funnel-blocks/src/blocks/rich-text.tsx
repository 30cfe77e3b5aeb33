/** @jsxRuntime automatic @jsxImportSource react */
import { MarkdownLite } from '../markdown';
import type { BlockPropsOf } from '../schema';
import { CONTAINER, SECTION } from './styles';

export function RichText(props: BlockPropsOf<'RichText'>) {
  return (
    <section data-block-id={props.id} data-block-type="RichText" className={SECTION}>
      <div className={`${CONTAINER} text-lg leading-relaxed`}>
        <MarkdownLite source={props.text} />
      </div>
    </section>
  );
}
