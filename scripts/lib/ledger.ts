// Writes whose every row can be found again: each batch carries its sequence number in every row, so after
// a load or fault run the database is audited batch by batch against what the server acknowledged.
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/rows';

export const METRICS_PER_BATCH = 100;
export const PREDICTIONS_PER_BATCH = 100;

/** An MLflow log-batch body: 10 keys × 10 steps, values that identify the batch. */
export function metricBatchBody(runId: string, seq: number): string {
  const metrics = [];
  const timestamp = Date.now();
  for (let k = 0; k < 10; k++) {
    for (let j = 0; j < 10; j++)
      metrics.push({ key: `ledger_${k}`, value: seq * 100 + k * 10 + j, timestamp, step: seq * 10 + j });
  }
  return JSON.stringify({ run_id: runId, metrics });
}

/** A prediction batch whose ids carry the batch number; features copied from a row the model already logged. */
export function predictionBatchBody(
  seq: number,
  template: { features: Record<string, unknown>; prediction: unknown },
): string {
  const timestamp = new Date().toISOString();
  const rows = Array.from({ length: PREDICTIONS_PER_BATCH }, (_, i) => ({
    id: `ledger-${seq}-${i}`,
    timestamp,
    features: template.features,
    prediction: template.prediction,
  }));
  return JSON.stringify(rows);
}

export type Audit = {
  acknowledged: number;
  /** Acknowledged batches whose rows are missing, incomplete or altered. */
  lost: number[];
  /** Batches present with some but not all of their rows: a write that happened in part. */
  partial: number[];
  /** Batches present but never acknowledged (the answer was lost, e.g. the server died after committing). */
  unacknowledged: number;
  expectedRows: number;
  foundRows: number;
  expectedChecksum: string;
  foundChecksum: string;
};

type BatchRow = { seq: number; n: number; checksum: string };

function audit(
  found: BatchRow[],
  acked: readonly number[],
  perBatch: number,
  checksumOf: (seq: number) => bigint,
): Audit {
  const bySeq = new Map(found.map((r) => [Number(r.seq), { n: Number(r.n), checksum: BigInt(r.checksum) }]));
  const ackedSet = new Set(acked);
  let expected = 0n;
  let got = 0n;
  let foundRows = 0;
  const lost: number[] = [];
  for (const seq of acked) {
    const row = bySeq.get(seq);
    expected += checksumOf(seq);
    if (row) {
      got += row.checksum;
      foundRows += row.n;
    }
    if (!row || row.n !== perBatch || row.checksum !== checksumOf(seq)) lost.push(seq);
  }
  const partial = [...bySeq].filter(([, r]) => r.n !== perBatch).map(([seq]) => seq);
  return {
    acknowledged: acked.length,
    lost,
    partial,
    unacknowledged: [...bySeq.keys()].filter((s) => !ackedSet.has(s)).length,
    expectedRows: acked.length * perBatch,
    foundRows,
    expectedChecksum: expected.toString(),
    foundChecksum: got.toString(),
  };
}

/** Metric batches: per batch the row count and the sum of its values (exact: they are integers). */
export async function auditMetricBatches(db: Db, runIds: readonly string[], acked: readonly number[]): Promise<Audit> {
  const found = rowsOf<BatchRow>(
    await db.execute(sql`
      select step / 10 as seq, count(*)::int as n, sum(value)::bigint::text as checksum
      from metric_points where run_id = any(${sql.param([...runIds])}::text[]) and key like 'ledger\_%'
      group by 1`),
  );
  // Σ over k, j of (seq·100 + 10k + j) = 10000·seq + 4950.
  return audit(found, acked, METRICS_PER_BATCH, (seq) => 10000n * BigInt(seq) + 4950n);
}

/** Prediction batches: per batch the row count and the sum of seq·1000 + row number, both read from the ids. */
export async function auditPredictionBatches(db: Db, monitorId: string, acked: readonly number[]): Promise<Audit> {
  const found = rowsOf<BatchRow>(
    await db.execute(sql`
      select split_part(external_id, '-', 2)::int as seq, count(*)::int as n, sum(split_part(external_id, '-', 2)::bigint * 1000 + split_part(external_id, '-', 3)::bigint)::text as checksum
      from predictions where monitor_id = ${monitorId}::uuid and external_id like 'ledger-%'
      group by 1`),
  );
  // Σ over i of (seq·1000 + i) = 100000·seq + 4950.
  return audit(found, acked, PREDICTIONS_PER_BATCH, (seq) => 100000n * BigInt(seq) + 4950n);
}

export function describeAudit(what: string, a: Audit): string {
  return (
    `${what}: ${a.acknowledged} acknowledged batches, ${a.foundRows}/${a.expectedRows} rows found, ` +
    `checksum ${a.foundChecksum}/${a.expectedChecksum}, lost ${a.lost.length}, partial ${a.partial.length}, ` +
    `committed but unacknowledged ${a.unacknowledged}`
  );
}

export const auditPassed = (a: Audit) =>
  a.lost.length === 0 && a.partial.length === 0 && a.foundChecksum === a.expectedChecksum;
