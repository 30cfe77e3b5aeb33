import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Plugin, type ResolvedConfig, type Rollup, transformWithEsbuild } from 'vite';
import type { EarlyBootConfig } from '../src/boot/early-boot';
import { apiBaseUrl, batchUrl, FIRST_ROUTE_CALLS, FIRST_ROUTE_MODULES } from '../src/boot/first-route';

const BOOT_SOURCE = resolve(import.meta.dirname, '../src/boot/early-boot.ts');

/** A chunk's file and, recursively, the files of its static imports. */
function closure(bundle: Rollup.OutputBundle, fileName: string, into = new Set<string>()): Set<string> {
  const chunk = bundle[fileName];
  if (chunk?.type !== 'chunk' || into.has(fileName)) return into;
  into.add(fileName);
  for (const imp of chunk.imports) closure(bundle, imp, into);
  return into;
}

/** The inline script: src/boot/early-boot.ts compiled and minified, called with this build's config. */
export async function bootScript(config: EarlyBootConfig): Promise<string> {
  const compiled = await transformWithEsbuild(readFileSync(BOOT_SOURCE, 'utf8'), BOOT_SOURCE, {
    loader: 'ts',
    format: 'iife',
    globalName: '__mosBoot',
    minify: true,
    target: 'es2020',
  });
  // `<` escaped so no URL can close the script element.
  const json = JSON.stringify(config).replaceAll('<', '\\u003c');
  return `(function(){${compiled.code.trim()}__mosBoot.earlyBoot(${json})})()`;
}

/**
 * Production builds in local-auth mode get an inline script at the top of index.html's <head> that asks for the
 * first route's data and preloads its code chunk before the bundle loads (src/boot/early-boot.ts), instead of
 * both waiting for the entry chunk to download and evaluate. Clerk builds get none: the token comes from Clerk's SDK.
 */
export function firstRouteBoot(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'mos-first-route-boot',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle || config.env.VITE_CLERK_PUBLISHABLE_KEY?.trim()) return html;
        const chunks = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
        const entry = chunks.find((c) => c.isEntry);
        if (!entry) return html;
        const inEntry = closure(bundle, entry.fileName);
        const boot: EarlyBootConfig = { requests: {}, chunks: {} };
        for (const [route, module] of Object.entries(FIRST_ROUTE_MODULES)) {
          const id = resolve(config.root, module);
          const chunk = chunks.find((c) => c.facadeModuleId === id);
          if (!chunk) throw new Error(`first-route boot: no chunk for ${module}`);
          boot.chunks[route] = [...closure(bundle, chunk.fileName)]
            .filter((f) => !inEntry.has(f))
            .map((f) => `${config.base}${f}`);
        }
        const api = apiBaseUrl(config.env.VITE_API_BASE_URL);
        for (const [route, calls] of Object.entries(FIRST_ROUTE_CALLS))
          boot.requests[route] = batchUrl(api, calls);
        // Right after the charset, ahead of the stylesheet: an inline script after a stylesheet waits for it.
        const charset = /<meta charset="[^"]*"\s*\/?>/i;
        if (!charset.test(html)) throw new Error('first-route boot: index.html has no <meta charset>');
        const script = await bootScript(boot);
        return html.replace(charset, (m) => `${m}\n    <script>${script}</script>`);
      },
    },
  };
}
