/**
 * The e2e stack's ports: every server is bound with port 0 and read back (no "free port" picked and released, the
 * old EADDRINUSE flake), and the API is reached through a forward bound before the API exists.
 */
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { forwardPort, listenOnFreePort } from './support/ports';

describe('e2e ports', () => {
  it('binds port 0 and reads the port back, while still holding it', async () => {
    const server = createServer((_req, res) => res.end('one'));
    const port = await listenOnFreePort(server);
    expect(port).toBeGreaterThan(0);
    // The port stays ours: a second server asking for it explicitly is refused.
    const other = createServer();
    const refused = await new Promise<NodeJS.ErrnoException>((done) => {
      other.once('error', done);
      other.listen(port, '127.0.0.1');
    });
    expect(refused.code).toBe('EADDRINUSE');
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('one');
    await new Promise<void>((done) => server.close(() => done()));
  });

  it('forwards to a server that binds its own port later, holding requests that came first', async () => {
    const forward = await forwardPort();
    // Asked before the target exists: answered once it does.
    const early = fetch(`http://127.0.0.1:${forward.port}/early`).then((r) => r.text());
    const api = createServer((req, res) => res.end(`api ${req.url}`));
    forward.setTarget(await listenOnFreePort(api));
    expect(await early).toBe('api /early');
    expect(await (await fetch(`http://127.0.0.1:${forward.port}/later`)).text()).toBe('api /later');
    await forward.close();
    await new Promise<void>((done) => api.close(() => done()));
  });
});
