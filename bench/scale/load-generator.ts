/**
 * The load generator, run as its own process so it never shares a CPU queue with the server it measures:
 * `tsx bench/scale/load-generator.ts <config.json>` drives autocannon against one URL with the given request
 * bodies (cycled) at a fixed concurrency, first a few warm-up requests, then a measured run bounded both in
 * requests and in seconds, and prints one JSON line: latency percentiles over every response, throughput, errors.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadConfig {
  url: string;
  bodies: string[];
  connections: number;
  warmupRequests: number;
  maxRequests: number;
  /** Stop after this many seconds once `minRequests` have answered… */
  maxSeconds: number;
  minRequests: number;
  /** …and after this many seconds in any case. */
  hardSeconds: number;
  timeoutSeconds: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  non2xx: number;
  durationMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  rps: number;
}

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\//;

/** The value below which `fraction` of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

function drive(config: LoadConfig, bounds: { requests: number; seconds: number; minRequests: number; hardSeconds: number }): Promise<{ samples: number[]; errors: number; non2xx: number; durationMs: number }> {
  return new Promise((resolve, reject) => {
    let next = 0;
    const samples: number[] = [];
    let non2xx = 0;
    const started = performance.now();
    const instance = autocannon(
      {
        url: config.url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        connections: config.connections,
        pipelining: 1,
        duration: bounds.hardSeconds,
        timeout: config.timeoutSeconds,
        requests: [{ setupRequest: (request) => ({ ...request, body: config.bodies[next++ % config.bodies.length] }) }],
      },
      (error, result) => {
        if (error) reject(error);
        else resolve({ samples, errors: result.errors + result.timeouts, non2xx, durationMs: performance.now() - started });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode >= 300) non2xx += 1;
      samples.push(responseTime);
      const elapsedSeconds = (performance.now() - started) / 1000;
      if (samples.length >= bounds.requests || (elapsedSeconds >= bounds.seconds && samples.length >= bounds.minRequests)) instance.stop();
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadConfig;
  if (!LOOPBACK.test(config.url)) throw new Error(`the load generator only targets loopback addresses, not ${config.url}`);
  if (config.warmupRequests > 0) await drive(config, { requests: config.warmupRequests, seconds: config.maxSeconds, minRequests: 1, hardSeconds: config.hardSeconds });
  const run = await drive(config, { requests: config.maxRequests, seconds: config.maxSeconds, minRequests: config.minRequests, hardSeconds: config.hardSeconds });
  const sorted = [...run.samples].sort((a, b) => a - b);
  const result: LoadResult = {
    requests: sorted.length,
    errors: run.errors,
    non2xx: run.non2xx,
    durationMs: Math.round(run.durationMs),
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
    rps: sorted.length / (run.durationMs / 1000),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
