/** @jsxRuntime automatic @jsxImportSource react */
import type { BlockPropsOf } from '../schema';
import { WIDE_CONTAINER } from './styles';

export function Footer(props: BlockPropsOf<'Footer'>) {
  return (
    <footer
      data-block-id={props.id}
      data-block-type="Footer"
      className="mt-12 border-t border-neutral-200 px-6 py-8 text-sm text-[var(--mos-muted)]"
    >
      <div
        className={`${WIDE_CONTAINER} flex flex-col items-center gap-3 text-center md:flex-row md:justify-between`}
      >
        {props.text ? <p>{props.text}</p> : null}
        {props.links.length > 0 ? (
          <nav className="flex flex-wrap justify-center gap-4">
            {props.links.map((link, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: links may repeat
              <a key={i} href={link.url} rel="noopener" className="underline hover:text-[var(--mos-text)]">
                {link.label}
              </a>
            ))}
          </nav>
        ) : null}
      </div>
    </footer>
  );
}
