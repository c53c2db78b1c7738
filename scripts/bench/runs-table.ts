// Figure 3: the runs table page over 10,000 runs × 20 params × 10 metrics, one filter and one sort, 50 rows.
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { createExperiment } from '@/db/queries/experiments';
import { getRunsData, searchRuns } from '@/db/queries/run-search';
import { median, timeRuns } from '../lib/util';

export type RunsTableResult = { pageMs: number; plainMs: number; matched: number; rows: number };

export const RUNS_TABLE_QUERY = { filter: "params.optimizer = 'adam'", orderBy: ['metrics.val_accuracy DESC'] };

/** Bulk SQL, not 10,000 API calls: the page's read cost is the point here, not ingest. */
export async function seedRuns(db: Db, projectId: string, experimentId: number, n: number, idPrefix = 'bench-run') {
  const t0 = Date.now() - n * 60_000;
  await db.execute(sql`select setseed(0.42)`);
  await db.execute(sql`
    insert into runs (id, project_id, experiment_id, name, user_id, status, start_time, end_time, approach, seed)
    select md5(${idPrefix} || '-' || i), ${projectId}::uuid, ${experimentId}, 'run-' || i, 'bench',
           (case when i % 50 = 0 then 'FAILED' else 'FINISHED' end)::run_status,
           ${t0}::bigint + i * 60000, ${t0}::bigint + i * 60000 + 45000,
           (case when i % 2 = 0 then 'model-centric' else 'data-centric' end)::run_approach, i
    from generate_series(1, ${n}) as g(i)`);
  // 20 params: an optimizer (three values) and 19 numeric hyper-parameters.
  await db.execute(sql`
    insert into run_params (run_id, key, value)
    select md5(${idPrefix} || '-' || i), 'optimizer', (array['adam', 'sgd', 'rmsprop'])[1 + i % 3] from generate_series(1, ${n}) as g(i)
    union all
    select md5(${idPrefix} || '-' || i), 'hp_' || lpad(k::text, 2, '0'), round((random() * 100)::numeric, 3)::text
    from generate_series(1, ${n}) as g(i), generate_series(1, 19) as h(k)`);
  // 10 metrics with their summaries, as ingest keeps them.
  await db.execute(sql`
    insert into run_metrics (run_id, key, value, step, timestamp, min_value, max_value, count, first_step, step_count, step_gcd)
    select md5(${idPrefix} || '-' || i), key, v, 99, ${t0}::bigint + i * 60000 + 40000, v * 0.8, v, 100, 0, 100, 1
    from (select i, key, random() as v
          from generate_series(1, ${n}) as g(i),
               unnest(array['val_accuracy', 'val_f1', 'val_log_loss', 'train_loss', 'train_accuracy',
                            'precision', 'recall', 'auc', 'lr', 'epoch_time']) as m(key)) x`);
  await db.execute(sql`
    insert into run_tags (run_id, key, value)
    select md5(${idPrefix} || '-' || i), 'mlflow.runName', 'run-' || i from generate_series(1, ${n}) as g(i)
    union all
    select md5(${idPrefix} || '-' || i), 'runboard.approach', case when i % 2 = 0 then 'model-centric' else 'data-centric' end from generate_series(1, ${n}) as g(i)`);
  for (const table of ['runs', 'run_params', 'run_metrics', 'run_tags'])
    await db.execute(sql`analyze ${sql.identifier(table)}`);
}

export async function benchRunsTable(
  db: Db,
  projectId: string,
  n: number,
  log: (l: string) => void,
): Promise<RunsTableResult> {
  const experiment = await createExperiment(db, null, projectId, { name: 'Runs table bench' });
  const started = performance.now();
  await seedRuns(db, projectId, experiment.id, n);
  log(
    `  seeded ${n.toLocaleString('en-US')} runs × 20 params × 10 metrics in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const experimentIds = [experiment.id];
  let matched = 0;
  let rows = 0;
  const page = async () => {
    const found = await searchRuns(db, projectId, { experimentIds, ...RUNS_TABLE_QUERY, limit: 50 });
    const data = await getRunsData(
      db,
      found.runs.map((r) => r.id),
    );
    matched = found.total;
    rows = data.size;
  };
  const plain = async () => {
    const found = await searchRuns(db, projectId, { experimentIds, limit: 50 });
    await getRunsData(
      db,
      found.runs.map((r) => r.id),
    );
  };
  const pageTimes = await timeRuns(page, 9, 2);
  const plainTimes = await timeRuns(plain, 9, 2);
  if (rows !== 50) throw new Error(`The page held ${rows} runs, expected 50.`);
  return { pageMs: median(pageTimes), plainMs: median(plainTimes), matched, rows };
}
