import { ImageOffIcon, PlayIcon } from 'lucide-react';
import { cn } from '@/lib/utils';

export interface SwipeMediaItem {
  url: string | null;
  thumbnailUrl: string | null;
  type: string | null;
  mimeType: string | null;
}

/** Only http(s) links reach src attributes (the import already refuses others; this is the second fence). */
export const safeUrl = (u: string | null | undefined) => (u && /^https?:\/\//i.test(u) ? u : null);

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
      ? safeUrl(first.thumbnailUrl)
      : (safeUrl(first.thumbnailUrl) ?? safeUrl(first.url))
    : null;
  return (
    <div className={cn('relative aspect-square overflow-hidden bg-muted', className)}>
      {src ? (
        <img src={src} alt={alt} loading="lazy" decoding="async" className="size-full object-cover" />
      ) : (
        <div className="flex size-full items-center justify-center text-muted-foreground">
          <ImageOffIcon aria-hidden className="size-8" />
          <span className="sr-only">No preview</span>
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
