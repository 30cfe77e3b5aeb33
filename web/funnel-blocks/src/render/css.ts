import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, optimize } from '@tailwindcss/node';

/** Tailwind's theme, preflight and utilities, resolved from this package's own `tailwindcss`. */
const INPUT_CSS = [
  '@layer theme, base, utilities;',
  '@import "tailwindcss/theme.css" layer(theme);',
  '@import "tailwindcss/preflight.css" layer(base);',
  '@import "tailwindcss/utilities.css" layer(utilities);',
].join('\n');
const BASE = dirname(fileURLToPath(import.meta.url));

/** Every class name in the markup's `class` attributes: the candidates Tailwind builds utilities for. */
export function collectClassCandidates(html: string): Set<string> {
  const candidates = new Set<string>();
  for (const match of html.matchAll(/\sclass="([^"]*)"/g)) {
    const value = (match[1] ?? '')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'");
    for (const name of value.split(/\s+/)) if (name) candidates.add(name);
  }
  return candidates;
}

/**
 * CSS for exactly these classes (plus preflight and the theme variables they use), minified. A fresh compiler per
 * call: Tailwind's compiler accumulates candidates across `build` calls, and one page must not carry another's rules.
 */
export async function buildPageCss(candidates: Iterable<string>): Promise<string> {
  const compiler = await compile(INPUT_CSS, { base: BASE, onDependency: () => {} });
  const css = compiler.build([...candidates]);
  return optimize(css, { minify: true }).code;
}
