import { resolve } from 'node:path';
import { type Database, dbMediaStore, importSecretsKey } from '@mos/db';
import { temporalConnectionOptions } from '@mos/db/contracts';
import { createDb, localFolderMediaStore } from '@mos/db/node';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { clientWorkflowStarter } from './activities/deploy/starter';
import { parseWorkerEnv, sshOverrides, stepModels } from './env';
import { funnelProxyMedia, type RunningFunnelProxy, startFunnelProxy } from './funnel-proxy/server';
import { createLlmClient } from './llm/index';
import { type RunningRelayServer, startRelayServer } from './relay/server';
import { clientRelayTemporal, lazyTemporalClient } from './relay/temporal';
import { ensureFunnelSweepSchedule, ensurePlaybookSchedules } from './schedules';
import { createMosWorker } from './worker';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface MosWorkerProcess {
  worker: Worker;
  /** Set when WORKFLOW_RELAY_SECRET is configured. */
  relay: RunningRelayServer | null;
  /** Set when FUNNEL_PROXY_PORT is configured. */
  funnelProxy: RunningFunnelProxy | null;
  /** Settles when the worker stops (after close(), or when it fails). */
  running: Promise<void>;
  close(): Promise<void>;
}

/**
 * The one way temporal-worker starts (main.ts in production, dev.ts inside `pnpm dev`): env → database →
 * activities → Temporal Worker → weekly playbook schedules → the signed relay when configured, and a close()
 * that stops them in reverse order.
 */
export async function startMosWorker(opts: {
  source: Record<string, string | undefined>;
  /** `pnpm dev` shares its PGlite with the API (PGlite is single-process); otherwise DATABASE_URL is opened. */
  database?: Database;
  /** Ensure the weekly PlaybookUpdate schedule per org (default true; dev skips it). */
  schedules?: boolean;
  /** Ensure the per-minute funnel sweep (lead webhooks, conversion forwarding); default: as `schedules`. */
  funnelSweep?: boolean;
  /** A prebuilt workflow bundle (CI builds it once; tests restart workers with it); else bundled at start. */
  workflowBundle?: { code: string };
  log?: (line: string) => void;
}): Promise<MosWorkerProcess> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const env = parseWorkerEnv(opts.source);
  const connectionOptions = temporalConnectionOptions(env);
  // Whatever is opened is closed again in reverse order: by close(), or here when a later step fails to start.
  const opened: (() => Promise<unknown>)[] = [];
  const closeOpened = async () => {
    for (const stop of opened.reverse()) {
      await stop().catch((err: unknown) =>
        log(`[worker] close: ${err instanceof Error ? err.message : String(err)}`),
      );
    }
    opened.length = 0;
  };
  try {
    const database = opts.database ?? (await createDb(env.DATABASE_URL));
    if (!opts.database) opened.push(() => database.close());
    const llm = createLlmClient({
      db: database.db,
      apiKey: env.OPENAI_API_KEY ?? 'not-needed-for-this-server',
      baseURL: env.OPENAI_BASE_URL,
      model: env.OPENAI_MODEL,
      stepModels: stepModels(env),
      webSearch: env.OPENAI_WEB_SEARCH,
      ...(env.LLM_MONTHLY_BUDGET_USD === undefined
        ? {}
        : { defaultMonthlyBudgetUsd: env.LLM_MONTHLY_BUDGET_USD }),
    });
    const connection = await NativeConnection.connect(connectionOptions);
    opened.push(() => connection.close());
    // Lazy: connects at first use (schedules, the relay, an activity enqueuing a deploy).
    const client = lazyTemporalClient({ connection: connectionOptions, namespace: env.TEMPORAL_NAMESPACE });
    opened.push(() => client.close());
    const sshTarget = sshOverrides(env.DEPLOY_SSH_OVERRIDE);
    const worker = await createMosWorker({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      deps: {
        db: database.db,
        llm,
        clock: () => new Date(),
        secretsKey: env.MOS_SECRETS_KEY ? await importSecretsKey(env.MOS_SECRETS_KEY) : null,
        // MEDIA_DIR is relative to the repository root, as worker-api reads it: both serve the same folder.
        mediaStore: env.MEDIA_DIR ? localFolderMediaStore(resolve(REPO_ROOT, env.MEDIA_DIR)) : dbMediaStore,
        forwarding: {
          ...(env.META_GRAPH_BASE_URL ? { metaGraphBaseUrl: env.META_GRAPH_BASE_URL } : {}),
          ...(env.GA4_MP_BASE_URL ? { ga4BaseUrl: env.GA4_MP_BASE_URL } : {}),
        },
        deploy: {
          terraformBin: env.TERRAFORM_BIN,
          rootDir: resolve(REPO_ROOT, env.DEPLOY_ROOT_DIR),
          publicBaseUrl: env.DEPLOY_PUBLIC_BASE_URL,
          publicApiBaseUrl: env.DEPLOY_PUBLIC_API_BASE_URL,
          ...(sshTarget ? { sshTarget } : {}),
        },
        workflows: clientWorkflowStarter(client.get, env.TEMPORAL_TASK_QUEUE),
      },
      ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : {}),
    });
    const running = worker.run();
    running.catch((err: unknown) =>
      log(`[worker] stopped: ${err instanceof Error ? err.message : String(err)}`),
    );
    opened.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
    });
    log(`[worker] polling task queue ${env.TEMPORAL_TASK_QUEUE} on ${env.TEMPORAL_ADDRESS}`);

    if (opts.schedules ?? true) {
      const ensured = await ensurePlaybookSchedules(await client.get(), database.db, {
        taskQueue: env.TEMPORAL_TASK_QUEUE,
      });
      log(`[worker] playbook schedules ensured for ${ensured.length} org(s)`);
    }
    if (opts.funnelSweep ?? opts.schedules ?? true) {
      await ensureFunnelSweepSchedule(await client.get(), { taskQueue: env.TEMPORAL_TASK_QUEUE });
      log('[worker] funnel sweep scheduled every minute');
    }
    // The signed relay worker-api on Workers reaches Temporal through (it cannot run @temporalio/client).
    const relay = env.WORKFLOW_RELAY_SECRET
      ? await startRelayServer({
          port: env.RELAY_PORT,
          host: env.RELAY_HOST,
          secret: env.WORKFLOW_RELAY_SECRET,
          taskQueue: env.TEMPORAL_TASK_QUEUE,
          temporal: clientRelayTemporal(client.get),
          onError: (e) => log(`[relay] ${e.op} answered ${e.status} (${e.code})`),
        })
      : null;
    if (relay) {
      opened.push(() => relay.close());
      log(`[relay] listening on ${relay.url}`);
    }

    // Published funnels on custom domains (nginx in front on the Hetzner server).
    const funnelProxy =
      env.FUNNEL_PROXY_PORT === undefined
        ? null
        : await startFunnelProxy({
            db: database.db,
            port: env.FUNNEL_PROXY_PORT,
            host: env.FUNNEL_PROXY_HOST,
            media: funnelProxyMedia(env.MEDIA_DIR),
          });
    if (funnelProxy) {
      opened.push(() => funnelProxy.close());
      log(`[funnel-proxy] listening on ${funnelProxy.url}`);
    }

    let closing: Promise<void> | undefined;
    return {
      worker,
      relay,
      funnelProxy,
      running,
      close() {
        closing ??= closeOpened();
        return closing;
      },
    };
  } catch (err) {
    await closeOpened();
    throw err;
  }
}

/** SIGINT/SIGTERM close the process gracefully (in-flight activities finish), then exit. */
export function exitOnSignals(close: () => Promise<void>): void {
  const stop = () => {
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
