/**
 * Generates the demo seed's swipe images (`db/fixtures/media/<external media id>.jpg` + `.thumb.webp`, 320 px
 * wide): one ad-like composition per media item of `fixtures/ad-library-export.json` — the brand's colours, the
 * ad's headline, a product shape and a CTA — so a newcomer's swipe library shows real thumbnails without the
 * network. Run: `pnpm --filter @mos/db exec tsx scripts/generate-seed-media.ts` (each file stays under 20 KB).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'fixtures', 'media');
const SIZE = 480;
const MAX_BYTES = 20 * 1024;

interface Ad {
  brand: { name: string };
  title: string;
  cta_text?: string | null;
  display_format: string;
  media?: { id: string; type: string }[];
}

const PALETTES: Record<string, [string, string, string]> = {
  'Glow Theory': ['#f6e7e1', '#c9705a', '#3b2a26'],
  'Kindred Roast': ['#2e211b', '#d9a441', '#f4ede4'],
  'Hearth & Loom': ['#e6ede8', '#5f7f6e', '#23322b'],
  Fernwell: ['#eef3f8', '#2f6fa3', '#14283b'],
};

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Word-wraps a headline into lines of about `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (`${line} ${word}`.trim().length > width && line) {
      lines.push(line);
      line = word;
    } else line = `${line} ${word}`.trim();
  }
  if (line) lines.push(line);
  return lines.slice(0, 4);
}

function svg(ad: Ad, index: number, count: number, kind: string): string {
  const [bg, accent, ink] = PALETTES[ad.brand.name] ?? ['#f2f2f2', '#1f4fd8', '#16181d'];
  const lines = wrap(ad.title, 20);
  const text = lines
    .map(
      (l, i) =>
        `<text x="36" y="${96 + i * 40}" font-family="DejaVu Sans" font-weight="bold" font-size="32" fill="${ink}">${xml(l)}</text>`,
    )
    .join('');
  // A product silhouette: a bottle, a bag or a folded textile, shifted per card of a carousel.
  const x = 300 + (index % 3) * 18;
  const product = `<rect x="${x}" y="250" width="110" height="170" rx="22" fill="${accent}"/><rect x="${x + 35}" y="218" width="40" height="40" rx="8" fill="${ink}"/><circle cx="${x + 55}" cy="330" r="26" fill="${bg}" opacity="0.85"/>`;
  const play =
    kind === 'video'
      ? `<circle cx="150" cy="330" r="52" fill="${ink}" opacity="0.8"/><path d="M135 302 L135 358 L182 330 Z" fill="${bg}"/>`
      : '';
  const badge =
    count > 1
      ? `<text x="${SIZE - 36}" y="44" text-anchor="end" font-family="DejaVu Sans" font-size="18" fill="${ink}">${index + 1}/${count}</text>`
      : '';
  const cta = xml(ad.cta_text || 'Learn more');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
<rect width="100%" height="100%" fill="${bg}"/>
<circle cx="${SIZE - 40}" cy="${SIZE - 60}" r="150" fill="${accent}" opacity="0.18"/>
<text x="36" y="44" font-family="DejaVu Sans" font-size="18" fill="${accent}" font-weight="bold">${xml(ad.brand.name.toUpperCase())}</text>${badge}
${text}${product}${play}
<rect x="36" y="${SIZE - 70}" width="170" height="44" rx="22" fill="${ink}"/>
<text x="121" y="${SIZE - 41}" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="17" fill="${bg}">${cta}</text>
</svg>`;
}

const file = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'ad-library-export.json'), 'utf8')) as {
  ads: Ad[];
};
let written = 0;
for (const ad of file.ads) {
  const media = ad.media ?? [];
  for (const [i, m] of media.entries()) {
    const image = sharp(Buffer.from(svg(ad, i, media.length, m.type)));
    let quality = 72;
    let jpeg = await image.clone().jpeg({ quality, mozjpeg: true }).toBuffer();
    while (jpeg.byteLength > MAX_BYTES && quality > 30) {
      quality -= 8;
      jpeg = await image.clone().jpeg({ quality, mozjpeg: true }).toBuffer();
    }
    if (jpeg.byteLength > MAX_BYTES)
      throw new Error(`${m.id}: ${jpeg.byteLength} bytes is over ${MAX_BYTES}`);
    const thumb = await sharp(jpeg).resize({ width: 320 }).webp({ quality: 70 }).toBuffer();
    writeFileSync(join(OUT, `${m.id}.jpg`), jpeg);
    writeFileSync(join(OUT, `${m.id}.thumb.webp`), thumb);
    written += 1;
  }
}
console.log(`wrote ${written} images (+ thumbnails) to ${OUT}`);
