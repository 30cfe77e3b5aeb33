import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateLocalKeys, type LocalKeys } from './local';

/** Loads the local-mode signing key from `<dir>/local-auth-key.json`, creating it (mode 600) on first use. */
export async function loadOrCreateLocalKeys(dir: string): Promise<LocalKeys> {
  const file = join(dir, 'local-auth-key.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LocalKeys;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const keys = await generateLocalKeys();
  await mkdir(dir, { recursive: true });
  await writeFile(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
