/** @jsxRuntime automatic @jsxImportSource react */
import type { BlockPropsOf } from '../schema';
import { CONTAINER, H2, SECTION } from './styles';

export function Faq(props: BlockPropsOf<'Faq'>) {
  return (
    <section data-block-id={props.id} data-block-type="Faq" className={SECTION}>
      <div className={CONTAINER}>
        {props.heading ? <h2 className={`${H2} text-center`}>{props.heading}</h2> : null}
        <div className="divide-y divide-neutral-200 border-y border-neutral-200">
          {props.items.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: questions have no id of their own
            <details key={i} className="group py-4">
              <summary className="cursor-pointer list-none text-lg font-semibold">{item.question}</summary>
              <p className="mt-3 leading-relaxed text-[var(--mos-muted)]">{item.answer}</p>
            </details>
          ))}
        </div>
      </div>
    </section>
  );
}
