// A tiny static file server for the built site, as any static host serves it: a folder path gets
// its index.html, files keep their bytes, unknown paths are 404. The site may sit under a base path.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain',
  '.xml': 'application/atom+xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticSite {
  /** The site's root URL, ending in the base path (e.g. http://127.0.0.1:1234/archive/). */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Compress text (HTML, CSS, JavaScript, JSON, SVG, XML) for clients that accept gzip, as most hosts do. */
  gzip?: boolean;
}

/** Types a host compresses on the fly (already compressed files such as Pagefind's are left alone). */
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.json', '.svg', '.xml', '.txt', '.csv']);

export async function serveStatic(root: string, base = '/', options: ServeOptions = {}): Promise<StaticSite> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      if (!path.startsWith(base)) {
        response.writeHead(404).end('not found');
        return;
      }
      const relative = normalize(path.slice(base.length));
      let file = join(root, relative);
      if (!file.startsWith(root) || relative.split(sep).includes('..')) {
        response.writeHead(403).end();
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) {
          if (!path.endsWith('/')) {
            response.writeHead(301, { Location: `${path}/` }).end();
            return;
          }
          file = join(file, 'index.html');
        }
        const body = await readFile(file);
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        if (
          options.gzip &&
          COMPRESSIBLE.has(extname(file)) &&
          /\bgzip\b/.test(String(request.headers['accept-encoding']))
        ) {
          response.writeHead(200, { 'Content-Type': type, 'Content-Encoding': 'gzip' }).end(gzipSync(body));
          return;
        }
        response.writeHead(200, { 'Content-Type': type }).end(body);
      } catch {
        response
          .writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' })
          .end('<!doctype html><title>404</title>');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${base}`,
    origin,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
