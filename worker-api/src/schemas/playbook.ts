import * as z from 'zod';
import { Id } from './common';

/** Largest playbook document accepted, as serialized JSON (50 sections of 10 000 characters fit). */
export const MAX_PLAYBOOK_CHARS = 1_000_000;

/** null or omitted: the org-wide playbook. */
const PlaybookClientId = Id.nullish();

export const PlaybookGet = z.strictObject({ clientId: PlaybookClientId });
export type PlaybookGet = z.infer<typeof PlaybookGet>;

export const PlaybookUpdate = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('edit'),
    clientId: PlaybookClientId,
    /** A Playbook document; validated against the artifact schema by the service. */
    data: z
      .unknown()
      .refine((v) => v !== undefined && (JSON.stringify(v)?.length ?? 0) <= MAX_PLAYBOOK_CHARS, {
        message: `is required and must be at most ${MAX_PLAYBOOK_CHARS} characters as JSON`,
      }),
  }),
  z.strictObject({ mode: z.literal('regenerate'), clientId: PlaybookClientId }),
]);
export type PlaybookUpdate = z.infer<typeof PlaybookUpdate>;
