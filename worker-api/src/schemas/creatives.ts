import * as z from 'zod';
import { Id } from './common';

export const CreativesProduce = z.strictObject({
  campaignId: Id,
  /** Limit production to these experiments of the campaign; all of them when omitted. */
  experimentIds: z
    .array(Id)
    .max(20, 'at most 20 experiments')
    .refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat an id' })
    .optional(),
});
export type CreativesProduce = z.infer<typeof CreativesProduce>;
