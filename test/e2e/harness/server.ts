import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { TlsMaterial } from './tls';

/** One request the fixture server saw (both https: and http:). */
export interface LoggedRequest {
  scheme: 'https' | 'http';
  host: string;
  /** Path without the query string. */
  path: string;
  /** Raw query string including '?', or ''. */
  search: string;
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  time: number;
}

export interface RouteResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Shorthand for Content-Type. */
  type?: string;
  body?: string | Buffer;
}

export type RouteHandler = (req: LoggedRequest) => RouteResponse | string | Promise<RouteResponse | string>;

export interface FixtureServer {
  /** Local HTTPS port every hostname is mapped to. */
  port: number;
  /** Local plain-HTTP port that every hostname's port 80 is mapped to. */
  httpPort: number;
  /** Every request seen, oldest first. */
  requests: LoggedRequest[];
  /** Dynamic response for `host` ('*' = any host) and exact `path` (no query). Later routes win. */
  route(host: string, path: string, handler: RouteHandler): () => void;
  /** Requests to a host (and optionally a path). */
  requestsTo(host: string, path?: string): LoggedRequest[];
  /** Resolves with the first (already seen or future) request matching `pred`; rejects after `timeoutMs`. */
  waitForRequest(pred: (r: LoggedRequest) => boolean, timeoutMs?: number): Promise<LoggedRequest>;
  clearRequests(): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Resolve `urlPath` inside `root` (no escaping it); directories serve index.html. */
function fileIn(root: string, urlPath: string): string | undefined {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const full = normalize(join(root, rel));
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  if (!existsSync(full)) return undefined;
  const st = statSync(full);
  if (st.isDirectory()) {
    const idx = join(full, 'index.html');
    return existsSync(idx) ? idx : undefined;
  }
  return st.isFile() ? full : undefined;
}

/**
 * A local server standing in for every hostname: static files from
 * `<siteRoot>/<hostname>/<path>` (first root that has it), else `<siteRoot>/_default/<path>`,
 * plus dynamic routes. Two ports: HTTPS (every host and port) and plain HTTP (every host's
 * port 80), see hostResolverRules().
 */
export async function startFixtureServer(opts: { tls: TlsMaterial; siteRoots: string[] }): Promise<FixtureServer> {
  const requests: LoggedRequest[] = [];
  const routes: { host: string; path: string; handler: RouteHandler }[] = [];
  const waiters = new Set<{ pred: (r: LoggedRequest) => boolean; resolve: (r: LoggedRequest) => void }>();

  function serveStatic(host: string, path: string): RouteResponse {
    for (const root of opts.siteRoots) {
      const f = fileIn(join(root, host), path);
      if (f) return { body: readFileSync(f), type: TYPES[extname(f).toLowerCase()] ?? 'application/octet-stream' };
    }
    for (const root of opts.siteRoots) {
      const f = fileIn(join(root, '_default'), path);
      if (f) return { body: readFileSync(f), type: TYPES[extname(f).toLowerCase()] ?? 'application/octet-stream' };
    }
    return { status: 404, type: 'text/plain; charset=utf-8', body: `no fixture for ${host}${path}` };
  }

  const handle = (scheme: 'https' | 'http') => (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hostHeader = String(req.headers.host ?? '');
      const host = hostHeader.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
      const u = new URL(req.url ?? '/', 'http://x');
      const entry: LoggedRequest = {
        scheme, host, path: u.pathname, search: u.search, method: req.method ?? 'GET',
        headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), time: Date.now(),
      };
      requests.push(entry);
      for (const w of waiters) if (w.pred(entry)) { waiters.delete(w); w.resolve(entry); }
      const route = [...routes].reverse().find((r) => (r.host === '*' || r.host === host) && r.path === entry.path);
      Promise.resolve(route ? route.handler(entry) : serveStatic(host, entry.path))
        .then((r) => {
          const out: RouteResponse = typeof r === 'string' ? { body: r, type: 'text/html; charset=utf-8' } : r;
          const headers: Record<string, string> = { 'cache-control': 'no-store', ...(out.type ? { 'content-type': out.type } : {}), ...out.headers };
          res.writeHead(out.status ?? 200, headers);
          res.end(out.body ?? '');
        })
        .catch((e: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`route failed: ${e instanceof Error ? e.message : String(e)}`);
        });
    });
  };

  const httpsServer = https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, handle('https'));
  const httpServer = http.createServer(handle('http'));
  const sockets = new Set<net.Socket>();
  const listen = (srv: net.Server) =>
    new Promise<number>((res, rej) => {
      srv.on('connection', (s: net.Socket) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      srv.once('error', rej);
      srv.listen(0, '127.0.0.1', () => res((srv.address() as net.AddressInfo).port));
    });
  const port = await listen(httpsServer);
  const httpPort = await listen(httpServer);

  return {
    port,
    httpPort,
    requests,
    route(host, path, handler) {
      const r = { host: host.toLowerCase(), path, handler };
      routes.push(r);
      return () => {
        const i = routes.indexOf(r);
        if (i >= 0) routes.splice(i, 1);
      };
    },
    requestsTo(host, path) {
      const h = host.toLowerCase();
      return requests.filter((r) => r.host === h && (path === undefined || r.path === path));
    },
    waitForRequest(pred, timeoutMs = 10_000) {
      const seen = requests.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: (r: LoggedRequest) => { clearTimeout(t); resolve(r); } };
        const t = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`no matching request within ${timeoutMs} ms; seen: ${requests.map((r) => `${r.method} ${r.scheme}://${r.host}${r.path}`).join(', ')}`));
        }, timeoutMs);
        t.unref();
        waiters.add(w);
      });
    },
    clearRequests() {
      requests.length = 0;
    },
    close() {
      return new Promise((res) => {
        for (const s of sockets) s.destroy();
        let n = 2;
        const done = () => --n === 0 && res();
        httpsServer.close(done);
        httpServer.close(done);
      });
    },
  };
}

/**
 * Chromium's own background traffic (time sync, component updates, account checks,
 * autofill) reaches the fixture server too, as every host is mapped to it. Tests proving
 * "nothing was sent" should look at requests where this is false.
 */
export function isBrowserNoise(r: Pick<LoggedRequest, 'host'>): boolean {
  return /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|googleusercontent\.com|doubleclick\.net)$/.test(r.host);
}

/** Chromium --host-resolver-rules sending every hostname to this server (port 80 → HTTP, else HTTPS). */
export function hostResolverRules(server: Pick<FixtureServer, 'port' | 'httpPort'>): string {
  return `MAP *:80 127.0.0.1:${server.httpPort}, MAP * 127.0.0.1:${server.port}, EXCLUDE localhost`;
}
