/** @jsxRuntime automatic @jsxImportSource react */
import { useRenderContext } from '../context';
import type { BlockPropsOf } from '../schema';
import { CONTAINER } from './styles';

/** The deadline as static text (the same in the editor and the published HTML); the page script ticks it. */
export function formatDeadline(endsAt: string, locale = 'en-US'): string {
  const date = new Date(endsAt);
  const text = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(date);
  return `${text} UTC`;
}

export function Countdown(props: BlockPropsOf<'Countdown'>) {
  const ctx = useRenderContext();
  return (
    <section data-block-id={props.id} data-block-type="Countdown" className="px-6 py-8">
      <div
        className={`${CONTAINER} rounded-[var(--mos-radius)] bg-[var(--mos-accent)] px-6 py-4 text-center text-neutral-900`}
      >
        <p className="text-sm font-semibold uppercase tracking-wider">{props.label}</p>
        <p
          className="mt-1 font-mono text-2xl font-bold"
          data-mos-countdown={new Date(props.endsAt).toISOString()}
          data-mos-expired={props.expiredText}
        >
          <time dateTime={props.endsAt}>{formatDeadline(props.endsAt, ctx.locale)}</time>
        </p>
      </div>
    </section>
  );
}
