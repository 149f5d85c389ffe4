import autocannon from 'autocannon';

/** One autocannon run: requests per second and latencies (ms). */
export type Sample = { rps: number; p50: number; p99: number; requests: number };

export type Target = { label: string; url: string; headers?: Record<string, string> };

export type SideBySide = { a: Sample[]; b: Sample[]; aMedian: Sample; bMedian: Sample };

export function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function medianSample(samples: Sample[]): Sample {
  return {
    rps: median(samples.map((s) => s.rps)),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    requests: median(samples.map((s) => s.requests)),
  };
}

/**
 * Fires at one target. The client runs in a worker thread so that it does not share the event
 * loop of the server under test (which lives in this process: PGlite cannot be shared).
 */
export async function fire(target: Target, connections: number, seconds: number): Promise<Sample> {
  const result = await autocannon({
    url: target.url,
    headers: target.headers,
    connections,
    duration: seconds,
    workers: 1,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${target.label}: ${result.non2xx} non-2xx answers and ${result.errors} errors (${result.timeouts} timeouts) in ${result.requests.total} requests`,
    );
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
  };
}

/** A warm-up of each side, then A, B, A, B … so that machine noise falls on both alike. */
export async function sideBySide(
  a: Target,
  b: Target,
  options: { connections: number; seconds: number; rounds: number },
): Promise<SideBySide> {
  await fire(a, options.connections, 2);
  await fire(b, options.connections, 2);
  const as: Sample[] = [];
  const bs: Sample[] = [];
  for (let round = 0; round < options.rounds; round++) {
    as.push(await fire(a, options.connections, options.seconds));
    bs.push(await fire(b, options.connections, options.seconds));
  }
  return { a: as, b: bs, aMedian: medianSample(as), bMedian: medianSample(bs) };
}
