import { createServer, type Server } from 'node:http';

import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

/**
 * The listener of METRICS_PORT: `GET /metrics` in Prometheus text format, nothing else. A
 * server of its own, so the metrics never share the API's port (and its load balancer).
 */
export function createMetricsServer(registry: Registry): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: the metrics are at /metrics\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
        .end(`${req.method} is not allowed on /metrics; use GET\n`);
      return;
    }
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'Content-Type': registry.contentType });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      (error: unknown) => {
        res
          .writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
          .end(`metrics could not be collected: ${error instanceof Error ? error.message : String(error)}\n`);
      },
    );
  });
}

/** Serves `registry` on host:port; logs where, and ends the process (as the API's listener does) when the port cannot be had. */
export function listenForScrapes(registry: Registry, host: string, port: number, logger: Logger): Server {
  const server = createMetricsServer(registry);
  server.on('error', (error) => {
    console.error(`cannot listen for metrics on ${host}:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    logger.info({ host, port: bound }, `metrics on http://${host}:${bound}/metrics`);
  });
  return server;
}
