import { gzipSync } from 'node:zlib';

export interface PageWeight {
  /** Bytes of the HTML document (inline CSS and script included). */
  htmlBytes: number;
  /** Gzip size of the HTML document: the figure the 30 KB budget is about. */
  gzipBytes: number;
  inlineCssBytes: number;
  inlineScriptBytes: number;
  inlineScriptGzipBytes: number;
  /** Requests the page makes to render besides the document itself, images excluded (scripts, styles, frames…). */
  externalRequests: number;
  externalUrls: string[];
}

const IMAGE_RELS = /\b(icon|apple-touch-icon|shortcut icon)\b/i;

/** Page weight without images, for `pnpm bench:funnels` and the budget tests. */
export function measurePageWeight(html: string): PageWeight {
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1] ?? '');
  const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    (m) => m[1] ?? '',
  );
  const urls: string[] = [];
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]*)"/gi)) urls.push(m[1] ?? '');
  for (const m of html.matchAll(/<iframe[^>]*\bsrc="([^"]*)"/gi)) urls.push(m[1] ?? '');
  for (const m of html.matchAll(/<link\b([^>]*)>/gi)) {
    const attrs = m[1] ?? '';
    const rel = /\brel="([^"]*)"/i.exec(attrs)?.[1] ?? '';
    const href = /\bhref="([^"]*)"/i.exec(attrs)?.[1] ?? '';
    if (!href || href.startsWith('data:') || IMAGE_RELS.test(rel) || /\bas="image"/i.test(attrs)) continue;
    if (/\b(stylesheet|preload|modulepreload|prefetch)\b/i.test(rel)) urls.push(href);
  }
  for (const css of styles) {
    for (const m of css.matchAll(/@import\s+(?:url\()?["']?([^"')\s;]+)/gi)) urls.push(m[1] ?? '');
    for (const m of css.matchAll(/url\(["']?([^"')]+\.(?:woff2?|ttf|otf|css))["']?\)/gi))
      urls.push(m[1] ?? '');
  }
  // The opt-in client-side pixel is loaded by the page script; it is a request all the same.
  if (/<body[^>]*\sdata-meta-pixel="/i.test(html))
    urls.push('https://connect.facebook.net/en_US/fbevents.js');
  const inlineScript = scripts.join('\n');
  // One URL is one request, however many times it is referenced.
  const unique = [...new Set(urls)];
  return {
    htmlBytes: Buffer.byteLength(html),
    gzipBytes: gzipSync(html, { level: 9 }).length,
    inlineCssBytes: styles.reduce((n, s) => n + Buffer.byteLength(s), 0),
    inlineScriptBytes: Buffer.byteLength(inlineScript),
    inlineScriptGzipBytes: inlineScript ? gzipSync(inlineScript, { level: 9 }).length : 0,
    externalRequests: unique.length,
    externalUrls: unique,
  };
}
