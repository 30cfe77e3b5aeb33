import { getAuthToken } from '@/lib/auth-token';
import { API_BASE_URL } from '@/lib/config';

/** A stored media object's URL on the API (`/media/<id>`, public and immutable). */
export const mediaUrl = (mediaId: string) => `${API_BASE_URL}/media/${encodeURIComponent(mediaId)}`;
export const mediaThumbUrl = (mediaId: string) => `${mediaUrl(mediaId)}/thumb`;

/** A media path the API returns (`/media/<id>`) made absolute against the API; absolute URLs stay as they are. */
export function apiMediaHref(pathOrUrl: string | null | undefined): string | null {
  if (!pathOrUrl) return null;
  if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
  if (pathOrUrl.startsWith('/media/')) return `${API_BASE_URL}${pathOrUrl}`;
  return null;
}

export interface UploadedImage {
  mediaId: string;
  width: number;
  height: number;
}

/** Uploads an image to `POST /media` (the API checks type and size from the bytes); the reason on refusal. */
export async function uploadImage(file: File, opts: { funnelId: string }): Promise<UploadedImage> {
  const token = await getAuthToken();
  const body = new FormData();
  body.set('file', file);
  body.set('funnelId', opts.funnelId);
  const res = await fetch(`${API_BASE_URL}/media`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body,
  });
  const json = (await res.json().catch(() => null)) as {
    mediaId?: string;
    width?: number;
    height?: number;
    error?: { code?: string; message?: string };
  } | null;
  if (!res.ok || !json) throw new Error(json?.error?.message ?? `Upload failed (HTTP ${res.status})`);
  const { mediaId } = json;
  if (!mediaId || !json.width || !json.height) throw new Error('The upload answer had no media id or size');
  return { mediaId, width: json.width, height: json.height };
}
