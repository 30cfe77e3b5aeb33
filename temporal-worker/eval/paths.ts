import { fileURLToPath } from 'node:url';

/** The repository root, the temporal-worker package and this harness's folder (resolved from this module). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WORKER_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const EVAL_ROOT = fileURLToPath(new URL('./', import.meta.url));
