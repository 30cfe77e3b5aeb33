// @vitest-environment node
// esbuild (which compiles the inline script at build time) refuses to run under jsdom.
import { describe, expect, it } from 'vitest';
import { bootScript } from '../../vite/first-route-boot';

describe('the inline boot script in index.html', () => {
  it('is a self-contained classic script that runs earlyBoot with the build’s config', async () => {
    const script = await bootScript({
      requests: { '/clients': 'http://api.test/trpc/me.get?batch=1&input=%7B%7D' },
      chunks: { '/clients': ['/assets/clients-abc.js</script>'] },
    });
    expect(script).not.toMatch(/\bimport\b|\bexport\b|<\/script/i);
    const fetched: [string, unknown][] = [];
    const appended: { rel: string; href: string }[] = [];
    const win = {
      localStorage: { getItem: () => JSON.stringify({ token: 'tok' }) },
      location: { pathname: '/clients/' },
      document: {
        createElement: () => ({ rel: '', href: '', crossOrigin: null }),
        head: { appendChild: (l: { rel: string; href: string }) => appended.push(l) },
      },
      fetch: (url: string, init: unknown) => {
        fetched.push([url, init]);
        return Promise.resolve(new Response('[]'));
      },
    } as Record<string, unknown>;
    new Function('window', script)(win);
    expect(fetched).toEqual([
      ['http://api.test/trpc/me.get?batch=1&input=%7B%7D', { headers: { authorization: 'Bearer tok' } }],
    ]);
    expect(appended.map((l) => [l.rel, l.href])).toEqual([
      ['modulepreload', '/assets/clients-abc.js</script>'],
    ]);
    expect((win.__mosEarly as { url: string }).url).toBe('http://api.test/trpc/me.get?batch=1&input=%7B%7D');
  });
});
