import * as z from 'zod';

/** Inputs of `secrets.*` (admin only). A value goes in once and never comes back out. */
export const SecretName = z
  .string()
  .trim()
  .regex(
    /^[A-Z][A-Z0-9_]+$/,
    'upper-case letters, digits and _, starting with a letter (e.g. META_CAPI_TOKEN)',
  )
  .max(100, 'must be at most 100 characters');

export const SecretSet = z.strictObject({
  name: SecretName,
  value: z.string().min(1, 'is required').max(10_000, 'must be at most 10000 characters'),
});
export type SecretSet = z.infer<typeof SecretSet>;

export const SecretByName = z.strictObject({ name: SecretName });
export type SecretByName = z.infer<typeof SecretByName>;
