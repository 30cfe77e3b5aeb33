/**
 * The user id local sign-in gives an email: shared by worker-api's token issuer and the seed, so a
 * seeded user and a locally signed-in one are the same row. WebCrypto: runs on Node and Workers.
 */
export async function localUserIdFor(email: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(email.toLowerCase()));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `user_local_${hex.slice(0, 24)}`;
}
