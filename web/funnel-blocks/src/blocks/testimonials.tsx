/** @jsxRuntime automatic @jsxImportSource react */
import type { BlockPropsOf } from '../schema';
import { H2, SECTION, WIDE_CONTAINER } from './styles';

export function Testimonials(props: BlockPropsOf<'Testimonials'>) {
  return (
    <section data-block-id={props.id} data-block-type="Testimonials" className={SECTION}>
      <div className={WIDE_CONTAINER}>
        {props.heading ? <h2 className={`${H2} text-center`}>{props.heading}</h2> : null}
        <div className="grid gap-6 md:grid-cols-2">
          {props.items.map((item, i) => (
            <figure
              // biome-ignore lint/suspicious/noArrayIndexKey: testimonials have no id of their own
              key={i}
              className="rounded-[var(--mos-radius)] border border-neutral-200 bg-white p-6 text-neutral-900"
            >
              <blockquote className="text-lg leading-relaxed">“{item.quote}”</blockquote>
              <figcaption className="mt-4 text-sm">
                <span className="font-semibold">{item.name}</span>
                {item.role ? <span className="text-neutral-500">, {item.role}</span> : null}
              </figcaption>
            </figure>
          ))}
        </div>
      </div>
    </section>
  );
}
