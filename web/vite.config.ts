import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * `@mos/db/contracts` is zod-only and free of side effects by its own rule, so a page that takes one enum list from
 * it must not also carry every artifact schema: telling Rollup so lets it drop the modules nothing uses.
 */
function pureContracts(): Plugin {
  return {
    name: 'mos-pure-contracts',
    transform(code, id) {
      if (/[\\/]db[\\/]src[\\/](contracts|artifacts)[\\/]/.test(id))
        return { code, map: null, moduleSideEffects: false };
      return null;
    },
  };
}

/**
 * The small building blocks every page uses (ui primitives, page header, list state, formatting, the contracts'
 * enum lists) go in one chunk with the shell instead of a dozen tiny files a route would fetch after its own code.
 */
function sharedChunk(id: string): string | undefined {
  if (
    /[\\/]web[\\/]src[\\/](components[\\/](ui|list)[\\/]|components[\\/]layout[\\/]page-header|lib[\\/])/.test(
      id,
    )
  )
    return 'shared';
  if (/[\\/]db[\\/]src[\\/]contracts[\\/]enums/.test(id)) return 'shared';
  return undefined;
}

export default defineConfig({
  plugins: [react(), tailwindcss(), pureContracts()],
  build: { rollupOptions: { output: { manualChunks: sharedChunk } } },
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { port: 5173 },
});
