/**
 * The workflow test stack as a program, for suites outside temporal-worker that must not import it (the web app's
 * browser tests and benchmark): starts `startStack`, prints one line `MOS_STACK_READY {"apiUrl": …}` and runs until
 * SIGTERM / SIGINT or until its standard input closes (its parent died), then tears everything down.
 *
 *   MOS_STACK_WEB_ORIGIN=http://127.0.0.1:5173 node --import tsx temporal-worker/test/support/stack-server.ts
 *
 * `MOS_STACK_API_ENV` (JSON) adds variables to the API process's environment.
 *
 * With `MOS_STACK_DEPLOY` (JSON `StackServerDeploy`) the worker also deploys: to a local server (cloudhand's
 * harness: its sshd and layout) with a terraform stand-in; the worker's funnel proxy runs here as the funnel
 * workloads' upstream (DEPLOY_PUBLIC_BASE_URL of the API and the worker; its URL in the ready line), one secrets key
 * is shared by the API and the worker, and Publish + Deploy enqueues runs on the stack's own Temporal client.
 */
import { type Database, importSecretsKey } from '@mos/db';
import { createDb } from '@mos/db/node';
import { testPostgresUrl } from '@mos/db/testing';
import { clientWorkflowStarter } from '../../src/activities/deploy/starter';
import type { DeployDeps } from '../../src/activities/deps';
import { type RunningFunnelProxy, startFunnelProxy } from '../../src/funnel-proxy/server';
import { type Stack, type StackOptions, startStack } from './stack';

const READY = 'MOS_STACK_READY';

/** What `MOS_STACK_DEPLOY` carries. */
export interface StackServerDeploy {
  rootDir: string;
  terraformBin: string;
  ssh: { host: string; port: number; username: string };
  layout: NonNullable<DeployDeps['layout']>;
}

const webOrigin = process.env.MOS_STACK_WEB_ORIGIN;
const deployConfig = process.env.MOS_STACK_DEPLOY
  ? (JSON.parse(process.env.MOS_STACK_DEPLOY) as StackServerDeploy)
  : null;

let stack: Stack | null = null;
let proxy: RunningFunnelProxy | null = null;
let proxyDb: Database | null = null;
const opts: StackOptions = webOrigin ? { webOrigin } : {};
// Extra environment of the API process (`MOS_STACK_API_ENV`, JSON), e.g. a DNS-over-HTTPS stand-in's URL.
const apiEnv = process.env.MOS_STACK_API_ENV
  ? (JSON.parse(process.env.MOS_STACK_API_ENV) as Record<string, string>)
  : {};
opts.apiEnv = { ...apiEnv };
if (deployConfig) {
  // The funnel proxy starts first, on its own connection (it reads only at request time, after the stack has
  // migrated), so its URL can be the API's and the worker's DEPLOY_PUBLIC_BASE_URL from the start.
  proxyDb = await createDb(testPostgresUrl());
  proxy = await startFunnelProxy({ db: proxyDb.db, port: 0, activeTtlMs: 0 });
  opts.apiEnv = { DEPLOY_PUBLIC_BASE_URL: proxy.url, ...apiEnv };
  // The API process reads MOS_SECRETS_KEY from this environment; the worker must decrypt with the same key.
  process.env.MOS_SECRETS_KEY ??= Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
  const deploy: DeployDeps = {
    rootDir: deployConfig.rootDir,
    terraformBin: deployConfig.terraformBin,
    sshTarget: () => deployConfig.ssh,
    layout: deployConfig.layout,
    publicBaseUrl: proxy.url,
  };
  opts.deps = {
    secretsKey: await importSecretsKey(process.env.MOS_SECRETS_KEY),
    deploy,
    workflows: {
      signalWithStart: (o) => {
        const s = stack;
        if (!s) throw new Error('the stack is not started yet');
        return clientWorkflowStarter(() => s.client, s.taskQueue).signalWithStart(o);
      },
    },
  };
}
stack = await startStack(opts);

let closing: Promise<void> | null = null;
const shutdown = () => {
  closing ??= (async () => {
    await proxy?.close().catch(() => undefined);
    await stack?.close();
    await proxyDb?.close().catch(() => undefined);
  })().finally(() => process.exit(0));
  return closing;
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
process.stdin.on('end', () => void shutdown());
process.stdin.resume();
process.stdout.write(
  `${READY} ${JSON.stringify({ apiUrl: stack.apiUrl, funnelProxyUrl: proxy?.url ?? null })}\n`,
);
