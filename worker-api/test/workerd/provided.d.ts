/** Values the workerd suite's Node-side globalSetup hands to the config and to the tests. */
export interface WorkerdSuiteContext {
  /** Bindings for the Worker under test (strings only, as `wrangler secret`/`[vars]` would give it). */
  workerBindings: Record<string, string>;
  /** PKCS#8 PEM of the RS256 key the Worker trusts (its public half is `CLERK_JWT_KEY`). */
  clerkPrivateKeyPem: string;
  clerkIssuer: string;
  clerkAuthorizedParty: string;
  /** The seeded organization: Clerk-style external id, slug and the names of its clients. */
  orgExternalId: string;
  orgSlug: string;
  clientNames: string[];
  /** `GET` answers the Neon stand-in's live counters as JSON ({ httpQueries, wsConnections }). */
  standInStatsUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    workerd: WorkerdSuiteContext;
  }
}
