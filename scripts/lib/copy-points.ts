import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';

/**
 * Streams text-format rows (run_id, key, step, timestamp, value; tab-separated, one per line) into metric_points
 * with COPY FROM STDIN: the database's own ingest limit, which the benches measure against or load with.
 */
export async function copyMetricPoints(client: postgres.Sql, chunks: Iterable<string>): Promise<void> {
  const target = await client`copy metric_points (run_id, key, step, timestamp, value) from stdin`.writable();
  await pipeline(Readable.from(chunks), target);
}
