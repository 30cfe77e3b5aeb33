import { resolve } from 'node:path';
import * as z from 'zod';

const DbEnv = z.object({
  DATABASE_URL: z
    .string()
    .min(1)
    .default(`pglite:${resolve(import.meta.dirname, '../../../.mos/pglite')}`),
});

/** DATABASE_URL, defaulting to the local PGlite directory under .mos/ that `pnpm dev` uses. */
export function loadDbEnv(): z.infer<typeof DbEnv> {
  const parsed = DbEnv.safeParse(process.env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`invalid environment: ${names}`);
  }
  return parsed.data;
}
