import http from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

/**
 * One measurement: autocannon over loopback for a fixed duration after a
 * warm-up. Latencies are taken from every response (autocannon's own
 * histogram has a resolution of 1 ms, too coarse for sub-millisecond answers).
 */

export interface LoadOptions {
  /** Origin, e.g. http://127.0.0.1:4321. */
  url: string;
  /** Paths with query, sent in turn by every connection. */
  paths: string[];
  headers?: Record<string, string>;
  connections: number;
  durationS: number;
  warmupS: number;
  /** Seconds before a request counts as a timeout (an error). */
  timeoutS: number;
}

export interface LoadResult {
  requests: number;
  durationS: number;
  requestsPerS: number;
  p50Ms: number;
  p99Ms: number;
  /** Mean response size. */
  bytesPerResponse: number;
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

export class LoadError extends Error {}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function fire(options: LoadOptions, durationS: number, onLatency?: (ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: durationS,
        timeout: options.timeoutS,
        headers: options.headers,
        requests: options.paths.map((path) => ({ method: 'GET', path })),
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    if (onLatency) instance.on('response', (_client, _status, _bytes, ms) => onLatency(ms));
  });
}

function failures(result: autocannon.Result): { errors: number; non2xx: number; statusCodes: Record<string, number> } {
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]));
  return { errors: result.errors + result.timeouts, non2xx: result.non2xx, statusCodes };
}

/** Runs the warm-up then the measurement; throws LoadError on any error or non-2xx answer. */
export async function measure(options: LoadOptions): Promise<LoadResult> {
  if (options.warmupS > 0) {
    const warm = failures(await fire(options, options.warmupS));
    if (warm.errors > 0 || warm.non2xx > 0) {
      throw new LoadError(`warm-up failed: ${warm.errors} errors/timeouts, ${warm.non2xx} non-2xx, status codes ${JSON.stringify(warm.statusCodes)}`);
    }
    // The warm-up leaves requests in flight that a slow server still works on: one
    // more answer to the same path means the queue has drained before measuring.
    const settled = await fetch(options.url + options.paths[0], { headers: options.headers });
    await settled.arrayBuffer();
    if (!settled.ok) throw new LoadError(`after the warm-up, ${options.paths[0]} answered ${settled.status}`);
  }
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const result = await fire(options, options.durationS, (ms) => {
    if (count === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[count++] = ms;
  });
  const failed = failures(result);
  if (failed.errors > 0 || failed.non2xx > 0) {
    throw new LoadError(`${failed.errors} errors/timeouts, ${failed.non2xx} non-2xx, status codes ${JSON.stringify(failed.statusCodes)}`);
  }
  const sorted = latencies.slice(0, count).sort();
  const total = result.requests.total;
  return {
    requests: total,
    durationS: result.duration,
    requestsPerS: total / result.duration,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    bytesPerResponse: total > 0 ? result.throughput.total / total : 0,
    ...failed,
  };
}

export interface SequentialResult {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * One connection, one request at a time, kept alive: the cost of one query
 * shape alone, without queueing behind others. Three unmeasured requests
 * first (JIT, page cache), then at least `minRequests`, and more until `maxS`
 * seconds have passed. node:http rather than fetch: against a bare node:http
 * server answering 41 KB, fetch (undici) added a tail of its own, p99
 * 4.2–4.6 ms where node:http measured 2.0–2.2 ms, which the list shapes'
 * p99 carried as if the server had spent it.
 */
export async function sequential(url: string, headers: Record<string, string>, minRequests: number, maxS: number): Promise<SequentialResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.get(url, { agent, headers }, (res) => {
        res.resume();
        res.once('error', reject);
        res.once('end', () => (res.statusCode !== undefined && res.statusCode < 300 ? resolve() : reject(new LoadError(`GET ${url} answered ${res.statusCode}`))));
      });
      req.once('error', reject);
    });
  try {
    for (let i = 0; i < 3; i++) await once();
    const times: number[] = [];
    const until = performance.now() + maxS * 1000;
    while (times.length < minRequests || performance.now() < until) {
      const t = performance.now();
      await once();
      times.push(performance.now() - t);
    }
    const sorted = Float64Array.from(times).sort();
    return { requests: sorted.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted[sorted.length - 1] };
  } finally {
    agent.destroy();
  }
}
