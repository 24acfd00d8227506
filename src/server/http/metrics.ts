import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { sendProblem } from './problem.js';

/**
 * Prometheus metrics at /metrics: process defaults plus request durations by route.
 * Only for an operator: with a token configured (METRICS_TOKEN) the scraper sends
 * `Authorization: Bearer <token>`; without one /metrics answers 404 as if absent.
 */
export function registerMetrics(app: FastifyInstance, token: string | null): Registry {
  // A registry per app instance: tests build many apps in one process.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  // Compared as digests so the comparison takes the same time whatever the length of a guess.
  const expected = token === null ? null : createHash('sha256').update(token).digest();
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (expected === null) return sendProblem(request, reply, 'route_not_found');
    const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!given || !timingSafeEqual(createHash('sha256').update(given).digest(), expected)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      return sendProblem(request, reply, 'unauthenticated');
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}
