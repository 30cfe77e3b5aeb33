/**
 * Screens the real stack does not reach cheaply, looked at in real headless Chromium: the production build served
 * statically, talking to a small HTTP stand-in for worker-api that speaks tRPC's batched transport (GET and POST,
 * CORS for the web origin) and answers each procedure with what the spec's `answer` returns (typed by the spec
 * against `RouterOutputs`, so the data is shaped by the contract). Shared by every screen spec.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { listenOnFreePort } from './ports';
import { buildWeb } from './stack';
import { type StaticServer, serveStatic } from './static-server';
import { settled } from './ui';

/** The stand-in's answer to one procedure call; throwing fails the whole batch, as an unknown path should. */
export type Answer = (path: string, input: unknown) => unknown;

export interface Screens {
  /** A fresh browser context signed in as `session`, opened at `path` and settled (unless `settle: false`). */
  signedInPage(
    path: string,
    viewport?: { width: number; height: number },
    opts?: { settle?: boolean },
  ): Promise<Page>;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

async function startApiStandIn(answer: Answer): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    void (async () => {
      const headers = {
        'access-control-allow-origin': req.headers.origin ?? '*',
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'content-type': 'application/json',
      };
      if (req.method === 'OPTIONS') return void res.writeHead(204, headers).end();
      const url = new URL(req.url ?? '/', 'http://x');
      const paths = decodeURIComponent(url.pathname.replace(/^\/trpc\//, '')).split(',');
      const inputs = JSON.parse(
        (req.method === 'POST' ? await body(req) : url.searchParams.get('input')) || '{}',
      ) as Record<string, unknown>;
      const out = paths.map((p, i) => ({ result: { data: answer(p, inputs[String(i)]) } }));
      res.writeHead(200, headers).end(JSON.stringify(out));
    })().catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  const port = await listenOnFreePort(server);
  return { url: `http://127.0.0.1:${port}`, server };
}

/** Builds the web app against the stand-in, serves it and launches Chromium; `close` undoes all of it. */
export async function startScreens(
  answer: Answer,
  session: { token: string; email: string; orgId: string },
): Promise<Screens> {
  const api = await startApiStandIn(answer);
  const distDir = mkdtempSync(join(tmpdir(), 'mos-screens-web-'));
  let browser: Browser | undefined;
  let web: StaticServer | undefined;
  try {
    [browser] = await Promise.all([launchChromium(), buildWeb(distDir, api.url)]);
    web = await serveStatic(distDir);
  } catch (err) {
    await browser?.close();
    api.server.close();
    rmSync(distDir, { recursive: true, force: true });
    throw err;
  }
  const opened = { browser, web };
  return {
    async signedInPage(path, viewport = { width: 1280, height: 900 }, opts = {}) {
      const context = await opened.browser.newContext({ viewport });
      await context.addInitScript((v) => localStorage.setItem('mos.session', v), JSON.stringify(session));
      const page = await context.newPage();
      await page.goto(`${opened.web.url}${path}`);
      if (opts.settle !== false) await settled(page);
      return page;
    },
    async close() {
      await opened.browser.close();
      await opened.web.close();
      await new Promise<void>((done) => api.server.close(() => done()));
      rmSync(distDir, { recursive: true, force: true });
    },
  };
}
