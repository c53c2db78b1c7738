import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { type RunSpec, demoPlan } from '@/scripts/demo/ml/demo-plan';
import {
  DEMO_SPLIT,
  buildExamples,
  fitStandardizer,
  oversampleMinority,
  standardize,
  timeSplit,
} from '@/scripts/demo/ml/features';
import { trainLogisticRegression, trainRandomForest } from '@/scripts/demo/ml/models';
import { type WeatherDay, parseWeatherCsv } from '@/scripts/demo/ml/weather';
import { MAX_BATCH_ROWS } from '@/lib/monitoring/ingest';
import type { Db } from '../../db/client';
import { driftChecks, monitors, runs } from '../../db/schema/index';
import type { Actor } from '../../db/queries/activity';
import { runDriftCheck } from '../../db/queries/drift-checks';
import { ensureMonitor } from '../../db/queries/monitoring';
import { setReferenceWindow } from '../../db/queries/monitoring-reference';
import { ingestPredictions } from '../../db/queries/predictions';
import {
  createModelVersion,
  ensureRegisteredModel,
  resolveModelVersion,
  transitionModelVersionStage,
} from '../../db/queries/registry';

// The demo's monitoring: the run behind rain-tomorrow's Production version (the demo registry promotes the
// best one), refitted on 2012–2013 Seattle weather exactly as that run was, "serves" every later day. The
// reference is its own predictions on the training years; trailing years of 2014–2015 are checked against
// it, so the drift and the accuracy changes on the monitoring page come from the real data, not a generator.

export const DEMO_MONITORED_MODEL = 'rain-tomorrow';
/** Served when the model has no Production version from a planned run yet (the registry seed has not run). */
const FALLBACK_RUN = 'logreg data: seasonal';

function loadWeather(): WeatherDay[] {
  const entry = createRequire(import.meta.url).resolve('vega-datasets');
  return parseWeatherCsv(fs.readFileSync(path.join(path.dirname(entry), '..', 'data', 'seattle-weather.csv'), 'utf8'));
}

/** A planned run's recipe refitted: same features, balancing, scaling and model (gradient descent and the seeded forest are deterministic). */
export function demoServingModel(days: WeatherDay[], spec: RunSpec) {
  const table = buildExamples(days, spec.featureSet);
  const { train, valid } = timeSplit(table.examples, DEMO_SPLIT.trainEnd);
  const fitted = spec.balance === 'oversample-minority' ? oversampleMinority(train, spec.seed) : train;
  const scaler = fitStandardizer(fitted.map((e) => e.features));
  const split = (rows: typeof train) => ({
    X: standardize(
      rows.map((e) => e.features),
      scaler,
    ),
    y: rows.map((e) => e.label),
  });
  const model =
    spec.model.kind === 'logistic-regression'
      ? trainLogisticRegression(split(fitted), split(valid), { ...spec.model, every: spec.model.iterations })
      : trainRandomForest(split(fitted), split(valid), { ...spec.model, seed: spec.seed });
  const weather = new Map(days.map((d) => [d.date, d.weather]));
  const proba = model.predict(
    standardize(
      table.examples.map((e) => e.features),
      scaler,
    ),
  );
  const rows = table.examples.map((e, i) => ({
    id: `weather-${e.date}`,
    // Logged the evening the forecast is made.
    timestamp: `${e.date}T18:00:00Z`,
    features: {
      ...Object.fromEntries(table.featureNames.map((name, k) => [name, e.features[k]!])),
      weather: weather.get(e.date) ?? null,
    },
    prediction: proba[i]! >= 0.5 ? 'rain' : 'dry',
    actual: e.label === 1 ? 'rain' : 'dry',
  }));
  return { rows, trainEnd: DEMO_SPLIT.trainEnd };
}

/** The planned run behind the Production version, registering one from the fallback run when there is none. */
async function servedSpec(db: Db, projectId: string, actor: Actor | null): Promise<RunSpec> {
  const plan = demoPlan();
  const fallback = plan.find((s) => s.name === FALLBACK_RUN)!;
  await ensureRegisteredModel(db, actor, projectId, DEMO_MONITORED_MODEL);
  const production = await resolveModelVersion(db, projectId, DEMO_MONITORED_MODEL, 'Production');
  if (production) {
    const [run] = production.version.runId
      ? await db.select({ name: runs.name }).from(runs).where(eq(runs.id, production.version.runId))
      : [];
    return plan.find((s) => s.name === run?.name) ?? fallback;
  }
  const [run] = await db
    .select({ id: runs.id })
    .from(runs)
    .where(and(eq(runs.projectId, projectId), eq(runs.name, FALLBACK_RUN), eq(runs.status, 'FINISHED')))
    .limit(1);
  const { version } = await createModelVersion(db, actor, projectId, {
    name: DEMO_MONITORED_MODEL,
    runId: run?.id,
    description: `${FALLBACK_RUN}: trained on 2012–2013, serving 2014–2015.`,
  });
  await transitionModelVersionStage(db, actor, projectId, {
    name: DEMO_MONITORED_MODEL,
    version: version.version,
    stage: 'Production',
    archiveExisting: true,
    reason: 'Demo: the model monitoring watches.',
  });
  return fallback;
}

const monthStarts = (from: string, to: string) => {
  const out: Date[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d.toISOString().slice(0, 10) < to;
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
  )
    out.push(d);
  return out;
};

/**
 * Idempotent: serves rain-tomorrow's Production version (registering one if the registry seed has not run),
 * logs a prediction and its outcome for every day, sets the training years as the reference and checks each
 * trailing year once. Call it after the runs and the registry are seeded, so the served model is the promoted one.
 */
export async function seedDemoMonitoring(
  db: Db,
  projectId: string,
  actor: Actor | null,
  days: WeatherDay[] = loadWeather(),
) {
  const spec = await servedSpec(db, projectId, actor);
  const { monitor } = await ensureMonitor(db, actor, projectId, DEMO_MONITORED_MODEL);
  const { rows, trainEnd } = demoServingModel(days, spec);
  for (let i = 0; i < rows.length; i += MAX_BATCH_ROWS) {
    await ingestPredictions(db, projectId, DEMO_MONITORED_MODEL, 'Production', rows.slice(i, i + MAX_BATCH_ROWS));
  }
  const firstServed = new Date(`${trainEnd}T00:00:00Z`).getTime() + 86_400_000;
  await setReferenceWindow(
    db,
    actor,
    projectId,
    monitor.id,
    new Date(rows[0]!.timestamp.slice(0, 10)),
    new Date(firstServed),
  );
  // Historical data: scheduled windows (now-relative) would all be empty, so the demo checks month by month instead.
  await db.update(monitors).set({ schedule: 'off' }).where(eq(monitors.id, monitor.id));
  const done = new Set(
    (
      await db.select({ start: driftChecks.windowStart }).from(driftChecks).where(eq(driftChecks.monitorId, monitor.id))
    ).map((c) => c.start.getTime()),
  );
  // Trailing twelve months, checked at every month end: each window spans all seasons, like the reference,
  // so what drifts is the year itself (2014 and 2015 ran unusually warm in Seattle).
  const afterLast = new Date(Date.parse(rows.at(-1)!.timestamp) + 3 * 86_400_000).toISOString().slice(0, 10);
  let checks = 0;
  for (const end of monthStarts(new Date(firstServed + 365 * 86_400_000).toISOString().slice(0, 10), afterLast)) {
    const start = new Date(Date.UTC(end.getUTCFullYear() - 1, end.getUTCMonth(), 1));
    if (done.has(start.getTime())) continue;
    await runDriftCheck(db, actor, projectId, monitor.id, { start, end });
    checks++;
  }
  return { monitorId: monitor.id, served: spec.name, predictions: rows.length, checks };
}
