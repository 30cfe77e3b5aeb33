import { deflateSync } from 'node:zlib';

/**
 * Tiny images built byte by byte for tests of the media store and upload routes: a complete PNG (chunks with
 * CRCs, a zlib-compressed pixel stream any decoder reads), a complete 1-bit GIF, and JPEG and WebP files whose
 * headers are what decoders and `imageInfo` read first (markers and chunks as the formats define them).
 */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u32be = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u16le = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const u16be = (n: number) => [(n >>> 8) & 0xff, n & 0xff];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function pngChunk(type: string, data: Uint8Array): number[] {
  const typed = new Uint8Array([...ascii(type), ...data]);
  return [...u32be(data.length), ...typed, ...u32be(crc32(typed))];
}

/** A w×h RGBA PNG, every pixel `rgba`. */
export function tinyPng(
  width: number,
  height: number,
  rgba: [number, number, number, number] = [32, 96, 200, 255],
) {
  const ihdr = new Uint8Array([...u32be(width), ...u32be(height), 8, 6, 0, 0, 0]);
  const row = [0, ...Array.from({ length: width }, () => rgba).flat()];
  const raw = new Uint8Array(Array.from({ length: height }, () => row).flat());
  return new Uint8Array([
    0x89,
    ...ascii('PNG'),
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...pngChunk('IHDR', ihdr),
    ...pngChunk('IDAT', new Uint8Array(deflateSync(raw))),
    ...pngChunk('IEND', new Uint8Array()),
  ]);
}

/** A GIF89a of w×h (logical screen and image), one colour. */
export function tinyGif(width: number, height: number) {
  return new Uint8Array([
    ...ascii('GIF89a'),
    ...u16le(width),
    ...u16le(height),
    0x80, // global colour table, 2 entries
    0x00,
    0x00,
    0xff,
    0xff,
    0xff,
    0x00,
    0x00,
    0x00,
    0x2c, // image descriptor
    ...u16le(0),
    ...u16le(0),
    ...u16le(width),
    ...u16le(height),
    0x00,
    0x02, // LZW minimum code size
    0x02,
    0x44,
    0x01,
    0x00,
    0x3b, // trailer
  ]);
}

/** A baseline JPEG's header: SOI, a JFIF APP0, a quantisation table, the SOF0 frame with the size, EOI. */
export function tinyJpegHeader(width: number, height: number) {
  const app0 = [0xff, 0xe0, ...u16be(16), ...ascii('JFIF'), 0, 1, 1, 0, ...u16be(1), ...u16be(1), 0, 0];
  const dqt = [0xff, 0xdb, ...u16be(67), 0, ...Array.from({ length: 64 }, () => 1)];
  const sof0 = [0xff, 0xc0, ...u16be(11), 8, ...u16be(height), ...u16be(width), 1, 1, 0x11, 0];
  return new Uint8Array([0xff, 0xd8, ...app0, ...dqt, ...sof0, 0xff, 0xd9]);
}

function riff(chunk: string, payload: number[]) {
  const body = [...ascii('WEBP'), ...ascii(chunk), ...u32le(payload.length), ...payload];
  return new Uint8Array([...ascii('RIFF'), ...u32le(body.length), ...body]);
}
const u32le = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const u24le = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff];

/** WebP, extended format (VP8X): the canvas size minus one in 24-bit fields. */
export function tinyWebpVp8x(width: number, height: number) {
  return riff('VP8X', [0, 0, 0, 0, ...u24le(width - 1), ...u24le(height - 1)]);
}

/** WebP, lossless (VP8L): signature 0x2f, then 14-bit width-1 and height-1. */
export function tinyWebpVp8l(width: number, height: number) {
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
  return riff('VP8L', [0x2f, ...u32le(bits >>> 0), 0, 0, 0, 0, 0, 0]);
}

/** WebP, lossy (VP8): frame tag, start code 9d 01 2a, 14-bit width and height. */
export function tinyWebpVp8(width: number, height: number) {
  return riff('VP8 ', [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, ...u16le(width), ...u16le(height), 0, 0]);
}
