import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { firstRouteBoot } from './vite/first-route-boot';

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
const SHARED = [
  /[\\/]web[\\/]src[\\/]components[\\/]ui[\\/](badge|button|card|empty-state|form-field|input|label|native-select|skeleton|table)\.tsx$/,
  /[\\/]web[\\/]src[\\/]components[\\/](layout[\\/]page-header|list[\\/]list-state)\.tsx$/,
  /[\\/]web[\\/]src[\\/]lib[\\/](format|utils|use-debounced)\.ts$/,
  /[\\/]db[\\/]src[\\/]contracts[\\/]enums\.ts$/,
];
function sharedChunk(id: string): string | undefined {
  return SHARED.some((re) => re.test(id)) ? 'shared' : undefined;
}

export default defineConfig({
  plugins: [react(), tailwindcss(), pureContracts(), firstRouteBoot()],
  build: { rollupOptions: { output: { manualChunks: sharedChunk } } },
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { port: 5173 },
});
