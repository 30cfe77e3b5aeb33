/** @jsxRuntime automatic @jsxImportSource react */
import type { BlockPropsOf } from '../schema';
import { CONTAINER, SECTION } from './styles';

/** The player page (the facade's link without JavaScript) and the privacy-friendly embed the script swaps in. */
export function videoUrls(provider: 'youtube' | 'vimeo', videoId: string): { watch: string; embed: string } {
  return provider === 'youtube'
    ? {
        watch: `https://www.youtube.com/watch?v=${videoId}`,
        embed: `https://www.youtube-nocookie.com/embed/${videoId}?autoplay=1`,
      }
    : {
        watch: `https://vimeo.com/${videoId}`,
        embed: `https://player.vimeo.com/video/${videoId}?autoplay=1&dnt=1`,
      };
}

/**
 * A light facade: a link with the title and a play mark, no third-party request until the visitor clicks (the page
 * script swaps in the iframe; without JavaScript the link opens the video).
 */
export function VideoEmbed(props: BlockPropsOf<'VideoEmbed'>) {
  const urls = videoUrls(props.provider, props.videoId);
  return (
    <section data-block-id={props.id} data-block-type="VideoEmbed" className={SECTION}>
      <div className={CONTAINER}>
        <a
          href={urls.watch}
          data-mos-video={urls.embed}
          data-mos-video-title={props.title}
          rel="noopener"
          className="relative flex aspect-video w-full items-center justify-center overflow-hidden rounded-[var(--mos-radius)] bg-neutral-900 text-white no-underline"
        >
          <span className="absolute inset-x-0 bottom-0 p-4 text-left text-base font-semibold">
            {props.title}
          </span>
          <span
            aria-hidden="true"
            className="flex h-16 w-16 items-center justify-center rounded-full bg-[var(--mos-primary)] text-2xl text-[var(--mos-primary-text)]"
          >
            ▶
          </span>
        </a>
      </div>
    </section>
  );
}
