import { createMasker } from '@mos/cloudhand/mask';
import { describe, expect, it } from 'vitest';

describe('deploy log masker', () => {
  it('masks every value, its URL-encoded form and each line of a multi-line value; longest first', () => {
    const token = 'gh/p+token=1';
    const key = '-----BEGIN KEY-----\nAAAAC3NzaC1lZDI1NTE5AAAAIBJvLine\n-----END KEY-----';
    const mask = createMasker([token, 'short', null, '']);
    mask.add(key);
    mask.add('shortest-of-all-shorter');
    // The URL-encoded token is masked even outside a URL's credentials part (a query string, an echoed value).
    expect(mask(`clone https://x:${encodeURIComponent(token)}@git.example and ${token}`)).toBe(
      'clone https://***@git.example and ***',
    );
    expect(mask(`GET /x?t=${encodeURIComponent(token)}`)).toBe('GET /x?t=***');
    // base64 of a value (an HTTP Basic header, an env file shipped base64) and the Authorization header itself.
    expect(mask(`echo ${Buffer.from(key).toString('base64')}`)).toBe('echo ***');
    expect(mask('Authorization: Bearer unregistered-token')).toBe('Authorization: Bearer ***');
    expect(mask('stderr: AAAAC3NzaC1lZDI1NTE5AAAAIBJvLine')).toBe('stderr: ***');
    // A value containing another is masked whole, not left half-visible.
    expect(mask('x shortest-of-all-shorter y')).toBe('x *** y');
    expect(mask('nothing secret here')).toBe('nothing secret here');
  });

  it('masks values added after lines were already masked (secrets resolved at the last moment)', () => {
    const mask = createMasker();
    expect(mask('API_KEY=late-value')).toBe('API_KEY=late-value');
    mask.add('late-value');
    expect(mask('API_KEY=late-value')).toBe('API_KEY=***');
  });
});
