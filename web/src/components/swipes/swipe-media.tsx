import { ImageOffIcon, PlayIcon } from 'lucide-react';
import { API_BASE_URL } from '@/lib/config';
import { cn } from '@/lib/utils';

export interface SwipeMediaItem {
  /** The stored copy (`/media/<id>` on the API) once the media import copied it; the ad platform's URL until then. */
  mediaUrl: string | null;
  thumbnailUrl: string | null;
  type: string | null;
  mimeType: string | null;
}

/** Only http(s) links reach href attributes (the import already refuses others; this is the second fence). */
export const safeUrl = (u: string | null | undefined) => (u && /^https?:\/\//i.test(u) ? u : null);

/**
 * A media source the page may load: only MOS's own media store (`/media/<id>` on the API, made absolute). Ad-CDN
 * URLs are never hotlinked (they expire, and the demo's point at a host that does not exist): no stored copy, no
 * image, and the tile says so.
 */
export function storedMediaSrc(u: string | null | undefined): string | null {
  if (!u) return null;
  if (/^\/media\/[\w-]+(\/thumb)?$/.test(u)) return `${API_BASE_URL}${u}`;
  if (u.startsWith(`${API_BASE_URL}/media/`)) return u;
  return null;
}

export const isVideo = (m: SwipeMediaItem) =>
  m.type === 'video' || (m.mimeType?.startsWith('video/') ?? false);

/** The first media item as a thumbnail: images lazily, videos by their thumbnail with a play badge. */
export function SwipeThumb({
  media,
  alt,
  className,
}: {
  media: readonly SwipeMediaItem[];
  alt: string;
  className?: string;
}) {
  const first = media[0];
  const video = first ? isVideo(first) : false;
  const src = first
    ? video
      ? storedMediaSrc(first.thumbnailUrl)
      : (storedMediaSrc(first.thumbnailUrl) ?? storedMediaSrc(first.mediaUrl))
    : null;
  return (
    <div className={cn('relative aspect-square overflow-hidden bg-muted', className)}>
      {src ? (
        <img src={src} alt={alt} loading="lazy" decoding="async" className="size-full object-cover" />
      ) : (
        <div
          className="flex size-full flex-col items-center justify-center gap-2 text-muted-foreground"
          data-testid="media-placeholder"
        >
          <ImageOffIcon aria-hidden className="size-8" />
          <span className="text-xs">{first ? 'Media not stored yet' : 'No media'}</span>
        </div>
      )}
      {video ? (
        <span className="absolute inset-0 flex items-center justify-center" role="img" aria-label="Video">
          <span className="flex size-11 items-center justify-center rounded-full bg-foreground/60 text-background shadow">
            <PlayIcon aria-hidden className="size-5 translate-x-px fill-current" />
          </span>
        </span>
      ) : null}
      {media.length > 1 ? (
        <span className="absolute top-2 right-2 rounded-full bg-foreground/60 px-2 py-0.5 text-xs font-medium text-background">
          1/{media.length}
        </span>
      ) : null}
    </div>
  );
}
