import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { imageInfo } from '../src/media/image-info';
import {
  tinyGif,
  tinyJpegHeader,
  tinyPng,
  tinyWebpVp8,
  tinyWebpVp8l,
  tinyWebpVp8x,
} from '../src/testing/images';

describe('imageInfo', () => {
  it('reads a PNG’s type and size from its IHDR', () => {
    const png = tinyPng(3, 2);
    expect(imageInfo(png)).toEqual({ mimeType: 'image/png', width: 3, height: 2 });
    // The fixture is a whole PNG: its pixel stream inflates to 2 rows of (filter byte + 3 RGBA pixels).
    const idatAt = Buffer.from(png).indexOf('IDAT');
    const length = new DataView(png.buffer).getUint32(idatAt - 4);
    expect(inflateSync(png.subarray(idatAt + 4, idatAt + 4 + length))).toHaveLength(2 * (1 + 3 * 4));
  });

  it('reads GIF87a/89a, JPEG (walking to the SOF marker) and the three WebP flavours', () => {
    expect(imageInfo(tinyGif(5, 7))).toEqual({ mimeType: 'image/gif', width: 5, height: 7 });
    const gif87 = tinyGif(2, 2);
    gif87.set([0x38, 0x37], 3);
    expect(imageInfo(gif87)).toEqual({ mimeType: 'image/gif', width: 2, height: 2 });
    expect(imageInfo(tinyJpegHeader(640, 480))).toEqual({ mimeType: 'image/jpeg', width: 640, height: 480 });
    expect(imageInfo(tinyWebpVp8x(1920, 1080))).toEqual({
      mimeType: 'image/webp',
      width: 1920,
      height: 1080,
    });
    expect(imageInfo(tinyWebpVp8l(300, 200))).toEqual({ mimeType: 'image/webp', width: 300, height: 200 });
    expect(imageInfo(tinyWebpVp8(64, 48))).toEqual({ mimeType: 'image/webp', width: 64, height: 48 });
  });

  it('refuses what is not one of the four image types, or is cut short', () => {
    const text = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    const bmp = new Uint8Array([0x42, 0x4d, ...new Array(60).fill(0)]);
    expect(imageInfo(text)).toBeNull();
    expect(imageInfo(bmp)).toBeNull();
    expect(imageInfo(new Uint8Array())).toBeNull();
    expect(imageInfo(tinyPng(3, 2).subarray(0, 20))).toBeNull();
    // A JPEG whose segments end before any frame header.
    expect(
      imageInfo(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xd9])),
    ).toBeNull();
    // A RIFF that is not WebP (WAV).
    const wav = tinyWebpVp8x(2, 2);
    wav.set([0x57, 0x41, 0x56, 0x45], 8);
    expect(imageInfo(wav)).toBeNull();
  });
});
