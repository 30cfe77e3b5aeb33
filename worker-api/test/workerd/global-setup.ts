/**
 * Node side of the workerd suite (vitest.workerd.config.ts). workerd can run neither `pg` nor PGlite,
 * so everything that needs a direct database connection happens here:
 *  - migrate the real PostgreSQL (MOS_TEST_DATABASE_URL) and seed one org with three clients;
 *  - start the Neon stand-in in front of it (Neon's HTTP /sql protocol and WebSocket relay), under a
 *    Neon-shaped host name so the Worker can only reach the database through the configured endpoints;
 *  - generate the RS256 key pair standing in for the Clerk instance's key;
 *  - serve the stand-in's counters so the tests can prove their queries went through it;
 *  - start the production back end (production-stack.ts): Temporal, temporal-worker's worker and relay, an
 *    OpenAI stand-in, so the Worker's `relay` gateway reaches real workflows.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, ensureOrg, orgs } from '@mos/db';
import { createDb, migrate } from '@mos/db/node';
import { neonConfigFor, startNeonStandIn, testPostgresUrl } from '@mos/db/testing';
import { eq } from 'drizzle-orm';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import type { TestProject } from 'vitest/node';
import { type ProductionStack, startProductionStack } from './production-stack';
import type { WorkerdSuiteContext } from './provided';

const CLERK_ISSUER = 'https://clerk.mos.test';
const AUTHORIZED_PARTY = 'https://app.mos.test';
const NEON_HOST = 'ep-workerd-test-000000.us-east-2.aws.neon.tech';
const CLIENT_NAMES = ['Acme Skincare', 'Bolt Bikes', 'Cedar Coffee'];

/**
 * Neon connection strings always carry a password, and the stand-in insists on one as Neon does. A
 * passwordless test URL (trust auth, e.g. the throwaway cluster of scripts/test.mjs) gets
 * PGPASSWORD or a placeholder, which trust authentication ignores.
 */
function withPassword(postgresUrl: string): string {
  const url = new URL(postgresUrl);
  if (url.password === '') url.password = process.env.PGPASSWORD || 'trust';
  return url.toString();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgresUrl = testPostgresUrl();
  const database = await createDb(postgresUrl);
  let standIn: Awaited<ReturnType<typeof startNeonStandIn>> | undefined;
  let statsServer: http.Server | undefined;
  let orgId: string | undefined;
  let stack: ProductionStack | undefined;

  const teardown = async () => {
    // The worker goes first: it writes to the org's rows until it stops.
    await stack?.close();
    await new Promise<void>((resolve) => (statsServer ? statsServer.close(() => resolve()) : resolve()));
    await standIn?.close();
    // Cascades to the org's users, clients and audit rows.
    if (orgId) await database.db.delete(orgs).where(eq(orgs.id, orgId));
    await database.close();
  };

  try {
    await migrate(database);

    const suffix = crypto.randomUUID().replaceAll('-', '').slice(0, 16);
    const orgExternalId = `org_workerd_${suffix}`;
    const orgSlug = `workerd-agency-${suffix}`;
    const org = await ensureOrg(database.db, { externalId: orgExternalId, name: 'Workerd Agency' });
    orgId = org.id;
    for (const name of CLIENT_NAMES) {
      await createClient(database.db, org.id, {
        name,
        industry: 'DTC',
        primaryMarkets: ['US'],
        primaryLanguages: ['en'],
      });
    }

    stack = await startProductionStack(postgresUrl);

    standIn = await startNeonStandIn({ postgresUrl: withPassword(postgresUrl), host: NEON_HOST });
    const driver = neonConfigFor(standIn);
    const stats = standIn.stats;
    statsServer = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(stats));
    });
    await new Promise<void>((resolve, reject) => {
      statsServer?.once('error', reject).listen(0, '127.0.0.1', () => resolve());
    });
    const statsPort = (statsServer.address() as AddressInfo).port;

    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });

    const context: WorkerdSuiteContext = {
      workerBindings: {
        MOS_ENV: 'production',
        AUTH_MODE: 'clerk',
        DATABASE_URL: standIn.connectionString,
        NEON_FETCH_ENDPOINT: driver.fetchEndpoint,
        NEON_WS_PROXY: driver.wsProxy,
        CLERK_JWT_KEY: await exportSPKI(publicKey),
        CLERK_ISSUER,
        CLERK_AUTHORIZED_PARTIES: AUTHORIZED_PARTY,
        WEB_ORIGINS: AUTHORIZED_PARTY,
        // Workflows as in production through the signed relay (plain HTTP is allowed for loopback only).
        WORKFLOW_GATEWAY: 'relay',
        WORKFLOW_RELAY_URL: stack.relayUrl,
        WORKFLOW_RELAY_SECRET: stack.relaySecret,
        TEMPORAL_TASK_QUEUE: stack.taskQueue,
      },
      clerkPrivateKeyPem: await exportPKCS8(privateKey),
      clerkIssuer: CLERK_ISSUER,
      clerkAuthorizedParty: AUTHORIZED_PARTY,
      orgExternalId,
      orgSlug,
      clientNames: CLIENT_NAMES,
      standInStatsUrl: `http://127.0.0.1:${statsPort}/stats`,
    };
    project.provide('workerd', context);
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
