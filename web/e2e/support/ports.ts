import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

/** Listens on 127.0.0.1 with port 0 and reads back the port the OS gave: nothing else can take it in between. */
export async function listenOnFreePort(server: Pick<Server, 'listen' | 'once' | 'address'>): Promise<number> {
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  return (server.address() as AddressInfo).port;
}

export interface PortForward {
  /** The port the forward listens on (bound, so it stays ours). */
  port: number;
  /** Where connections go; connections that arrive before this is set wait for it. */
  setTarget(port: number): void;
  close(): Promise<void>;
}

/**
 * A TCP forward on a port bound now (port 0, read back) to a server that binds its own port 0 later. The web build
 * has to know the API's URL before the API can start (it needs the Temporal stack first); picking a "free" port and
 * releasing it until then is how `EADDRINUSE` happened, so the URL names this forward instead.
 */
export async function forwardPort(): Promise<PortForward> {
  let target: number | null = null;
  const waiting: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
    return s;
  };
  const server = createServer((client) => {
    track(client);
    client.pause();
    const pipe = (port: number) => {
      const upstream = track(
        connect({ port, host: '127.0.0.1' }, () => {
          client.pipe(upstream);
          upstream.pipe(client);
          client.resume();
        }),
      );
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    };
    if (target === null) waiting.push(() => pipe(target as number));
    else pipe(target);
  });
  const port = await listenOnFreePort(server);
  return {
    port,
    setTarget(p) {
      target = p;
      for (const go of waiting.splice(0)) go();
    },
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}
