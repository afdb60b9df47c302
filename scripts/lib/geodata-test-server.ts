/** A local HTTP server for the tests of data:fetch: serves buffers by path on 127.0.0.1. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = Uint8Array | { readonly redirect: string } | { readonly status: number };

export interface TestServer {
  readonly base: string;
  /** Path → what it serves; change it between runs. */
  readonly routes: Map<string, Route>;
  /** `METHOD /path` of every request, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push(`${req.method ?? 'GET'} ${url}`);
    const route = routes.get(url);
    if (route === undefined) {
      res.writeHead(404).end('not found');
    } else if ('redirect' in route) {
      res.writeHead(302, { Location: route.redirect }).end();
    } else if ('status' in route) {
      res.writeHead(route.status).end();
    } else {
      res.writeHead(200, { 'Content-Length': route.length });
      res.end(req.method === 'HEAD' ? undefined : route);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    routes,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An address on 127.0.0.1 where nothing listens (connections are refused at once). */
export async function closedBase(): Promise<string> {
  const s = await startServer();
  await s.close();
  return s.base;
}
