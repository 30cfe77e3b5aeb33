import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { listenOnFreePort } from './ports';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Text types Cloudflare's edge compresses (brotli for browsers that accept it). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt']);

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves a directory like Cloudflare Pages serves the SPA: index.html for any path that is not a file (client-side
 * routes), and text files brotli-compressed for browsers that accept it, as Cloudflare's edge does (compressed once
 * per file version and kept). No caching headers. Every page served by it gets the same treatment, so two pages
 * compare fairly.
 */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const root = resolve(dir);
  const fallback = join(root, 'index.html');
  const compressed = new Map<string, Buffer>();
  const compress = (file: string, encoding: 'br' | 'gzip'): Buffer => {
    const st = statSync(file);
    const key = `${encoding}:${file}:${st.mtimeMs}:${st.size}`;
    let body = compressed.get(key);
    if (!body) {
      const raw = readFileSync(file);
      // Brotli quality 5: about what an edge compresses with on the fly; 11 would cost seconds per build here.
      body =
        encoding === 'br'
          ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
          : gzipSync(raw);
      compressed.set(key, body);
    }
    return body;
  };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const candidate = normalize(join(root, path));
    const file =
      candidate.startsWith(root) && existsSync(candidate) && statSync(candidate).isFile()
        ? candidate
        : fallback;
    // A missing asset (a path with an extension) is a 404, not the SPA shell, so broken chunk URLs show up.
    if (file === fallback && extname(path) && extname(path) !== '.html') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    };
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
    if (encoding && COMPRESSIBLE.has(extname(file))) {
      let body: Buffer;
      try {
        body = compress(file, encoding);
      } catch {
        res.destroy();
        return;
      }
      res.writeHead(200, { ...headers, 'content-encoding': encoding, vary: 'accept-encoding' }).end(body);
      return;
    }
    res.writeHead(200, headers);
    // A file removed after the check (a rebuild under a running server) ends this response, not the server.
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  const port = await listenOnFreePort(server);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
