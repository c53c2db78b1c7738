// The demo project: real training on Seattle weather, logged through Runboard's MLflow API like any client would.
import { createHash } from 'node:crypto';
import type { Db } from '@/db/client';
import { getExperimentByName } from '@/db/queries/experiments';
import { createProject, getProjectBySlug } from '@/db/queries/projects';
import { searchRuns } from '@/db/queries/run-search';
import { createServiceMember, deleteServiceUser } from '@/db/queries/service-users';
import { createApiToken } from '@/db/queries/tokens';
import { listUsers } from '@/db/queries/users';
import {
  type RunOutcome,
  type RunSpec,
  DEMO_EXPERIMENTS,
  LABEL_DEFINITION,
  demoPlan,
  runDemoTraining,
} from '@/scripts/demo/ml/demo-plan';
import { DEMO_SPLIT, positiveRate } from '@/scripts/demo/ml/features';
import { demoRunArtifacts } from '@/scripts/demo/ml/run-artifacts';
import { type WeatherDay, weatherProfile, weatherSchemaJson } from '@/scripts/demo/ml/weather';
import { DomainError } from '@/lib/errors';
import { WELL_KNOWN_TAGS } from '@/lib/tracking/vocabulary';
import { demoRegistrySeeded, seedDemoRegistry } from './registry';
import { type FetchLike, type MlflowClient, type MlflowDatasetInput, createMlflowClient } from '../mlflow-client';

export const DEMO_PROJECT = {
  slug: 'demo',
  name: 'Seattle weather: will it rain tomorrow?',
  problemStatement: [
    'Predict each evening whether measurable rain (> 0 mm) will fall in Seattle the next day, from the day’s',
    'readings (precipitation, min/max temperature, wind) and the days before. Historical data: NOAA daily weather',
    '2012–2015 as published in vega-datasets. Models learn on 2012–2013 and are validated on 2014–2015, the period',
    'monitoring replays. Success: beat the persistence forecast ("tomorrow is like today", about 72% accurate on',
    'the validation period) on accuracy and F1, with calibrated probabilities (log loss).',
  ].join(' '),
};
export const WEATHER_SOURCE_URL = 'https://cdn.jsdelivr.net/npm/vega-datasets@3.2.1/data/seattle-weather.csv';
const SERVICE_EMAIL = 'training-pipeline@runboard.invalid';
// MLflow caps a dataset digest at 36 characters (MAX_DATASET_DIGEST_SIZE), so the digest is the SHA-256's first
// 32 hex digits; the dataset profile carries the full hash.
const DIGEST_LENGTH = 32;

export type SeedInput = {
  csv: Buffer;
  days: WeatherDay[];
  gitCommit: string;
  /** How requests reach the MLflow API: the route handlers in-process, or fetch against a server. */
  fetch: FetchLike;
  baseUrl?: string;
  log?: (line: string) => void;
  /** Only the first N planned runs (tests); the whole plan by default. */
  limit?: number;
};
export type SeedResult = {
  projectId: string;
  created: number;
  skipped: number;
  outcomes: { spec: RunSpec; outcome: RunOutcome }[];
};

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

async function ensureProject(db: Db, log: (line: string) => void) {
  const existing = await getProjectBySlug(db, DEMO_PROJECT.slug);
  if (existing) return existing;
  // The longest-standing admin owns it; on an instance without users it starts member-less (admins see every project).
  const owner = (await listUsers(db)).find((u) => u.isAdmin) ?? null;
  const project = await createProject(db, null, DEMO_PROJECT, owner?.id ?? null);
  log(
    `created project "${project.slug}" (${owner ? `owner ${owner.email}` : 'no members yet: the first admin will see it'})`,
  );
  return project;
}

/** Planned runs already FINISHED in the project (by experiment and name), and stale ones an interrupted seed left behind. */
async function existingRuns(db: Db, projectId: string, plan: RunSpec[]) {
  const finished = new Set<string>();
  const stale: string[] = [];
  const planned = new Set(plan.map((s) => `${s.experiment}\u0000${s.name}`));
  for (const name of new Set(plan.map((s) => s.experiment))) {
    const experiment = await getExperimentByName(db, projectId, name).catch((err: unknown) => {
      if (err instanceof DomainError && err.kind === 'not_found') return null;
      throw err;
    });
    if (!experiment) continue;
    const { runs } = await searchRuns(db, projectId, { experimentIds: [experiment.id], limit: 10_000 });
    for (const run of runs) {
      const key = `${name}\u0000${run.name}`;
      if (!planned.has(key)) continue;
      if (run.status === 'FINISHED') finished.add(key);
      else stale.push(run.id);
    }
  }
  return { finished, stale };
}

function datasetInputs(input: SeedInput, outcome: RunOutcome): MlflowDatasetInput[] {
  const rawHash = sha256(input.csv);
  const table = outcome.table;
  const context = [{ key: 'mlflow.data.context', value: 'training' }];
  return [
    {
      tags: context,
      dataset: {
        name: 'seattle-weather',
        digest: rawHash.slice(0, DIGEST_LENGTH),
        source_type: 'http',
        source: JSON.stringify({ url: WEATHER_SOURCE_URL }),
        schema: weatherSchemaJson(),
        profile: JSON.stringify({ ...weatherProfile(input.days), sha256: rawHash }),
      },
    },
    {
      tags: context,
      dataset: {
        name: 'seattle-weather-features',
        digest: sha256(JSON.stringify(table)).slice(0, DIGEST_LENGTH),
        source_type: 'code',
        source: JSON.stringify({
          derived_from: `seattle-weather@${rawHash.slice(0, DIGEST_LENGTH)}`,
          code: 'scripts/demo/ml/features.ts',
          feature_set: table.featureSet,
        }),
        schema: JSON.stringify({
          mlflow_colspec: [
            { type: 'string', name: 'date', required: true },
            ...table.featureNames.map((name) => ({ type: 'double', name, required: true })),
            { type: 'long', name: 'rain_tomorrow', required: true },
          ],
        }),
        profile: JSON.stringify({
          num_rows: table.examples.length,
          train_rows: outcome.rows.train,
          valid_rows: outcome.rows.valid,
          train_end: DEMO_SPLIT.trainEnd,
          label: LABEL_DEFINITION,
          positive_rate: Number(positiveRate(table.examples).toFixed(4)),
        }),
      },
    },
  ];
}

async function logRun(client: MlflowClient, experimentId: string, spec: RunSpec, input: SeedInput) {
  const startTime = Date.now();
  const run = await client.createRun({
    experimentId,
    runName: spec.name,
    startTime,
    tags: [
      { key: WELL_KNOWN_TAGS.approach, value: spec.approach },
      { key: WELL_KNOWN_TAGS.seed, value: String(spec.seed) },
      { key: WELL_KNOWN_TAGS.gitCommit, value: input.gitCommit },
      { key: WELL_KNOWN_TAGS.user, value: 'training-pipeline' },
      { key: 'mlflow.source.name', value: 'scripts/demo/project.ts' },
      { key: 'mlflow.source.type', value: 'LOCAL' },
      { key: 'mlflow.note.content', value: spec.note },
    ],
  });
  try {
    const outcome = runDemoTraining(spec, input.days);
    await client.logBatch(run.run_id, {
      params: outcome.params,
      tags: [{ key: WELL_KNOWN_TAGS.config, value: JSON.stringify(outcome.config) }],
      metrics: outcome.metrics,
    });
    await client.logInputs(run.run_id, datasetInputs(input, outcome));
    // As mlflow.log_artifact / Model.log do: every file PUT through the artifact proxy, then the model recorded.
    const { files, mlmodel } = demoRunArtifacts(spec, outcome, {
      runId: run.run_id,
      startedAt: startTime,
      createdAt: Date.now(),
    });
    for (const file of files) await client.logArtifact(run.artifact_uri!, file.path, file.bytes, file.contentType);
    await client.logModel(run.run_id, mlmodel);
    await client.updateRun(run.run_id, { status: 'FINISHED', endTime: Date.now() });
    return { outcome, seconds: (Date.now() - startTime) / 1000 };
  } catch (err) {
    await client.updateRun(run.run_id, { status: 'FAILED', endTime: Date.now() }).catch(() => {});
    throw err;
  }
}

async function ensureExperiment(client: MlflowClient, name: string): Promise<string> {
  const found = await client.getExperimentByName(name);
  return found
    ? found.experiment_id
    : client.createExperiment(name, [
        { key: 'mlflow.note.content', value: `${name} models for: ${LABEL_DEFINITION}.` },
      ]);
}

/**
 * Idempotent: creates the project if missing, logs only the planned runs it does not hold FINISHED yet, and
 * completes the registry part (scripts/demo/registry.ts) unless it is already there.
 */
export async function seedDemoProject(db: Db, input: SeedInput): Promise<SeedResult> {
  const log = input.log ?? (() => {});
  const plan = demoPlan().slice(0, input.limit);
  const project = await ensureProject(db, log);
  const { finished, stale } = await existingRuns(db, project.id, plan);
  const todo = plan.filter((s) => !finished.has(`${s.experiment}\u0000${s.name}`));
  const result: SeedResult = { projectId: project.id, created: 0, skipped: plan.length - todo.length, outcomes: [] };
  const registrySeeded = await demoRegistrySeeded(db, project.id);
  if (todo.length === 0 && registrySeeded) {
    log(`all ${plan.length} demo runs are already logged and the registry is seeded; nothing to do`);
    return result;
  }
  // A project token needs a member to act as: a credential-less service member that is deleted afterwards.
  await deleteServiceUser(db, SERVICE_EMAIL);
  const service = await createServiceMember(db, project.id, {
    email: SERVICE_EMAIL,
    name: 'Training pipeline',
    role: 'editor',
  });
  try {
    const { token } = await createApiToken(db, { id: service.id, isAdmin: false }, project.id, 'Training pipeline');
    const client = createMlflowClient({
      baseUrl: input.baseUrl ?? 'http://runboard.internal',
      token,
      fetch: input.fetch,
    });
    for (const runId of stale) await client.deleteRun(runId);
    if (stale.length) log(`deleted ${stale.length} unfinished run(s) left by an interrupted seed`);
    const experimentIds = new Map<string, string>();
    for (const name of Object.values(DEMO_EXPERIMENTS)) experimentIds.set(name, await ensureExperiment(client, name));
    for (const [i, spec] of plan.entries()) {
      const label = `run ${i + 1}/${plan.length}: ${spec.name}`;
      if (!todo.includes(spec)) {
        log(`${label} … already logged`);
        continue;
      }
      const { outcome, seconds } = await logRun(client, experimentIds.get(spec.experiment)!, spec, input);
      result.created++;
      result.outcomes.push({ spec, outcome });
      const v = outcome.valid;
      log(
        `${label} [${spec.approach}] … acc ${v.accuracy.toFixed(3)} f1 ${v.f1.toFixed(3)} log-loss ${v.logLoss.toFixed(3)} (${seconds.toFixed(1)} s)`,
      );
    }
    if (!registrySeeded) {
      const actor = { id: service.id, isAdmin: false };
      await seedDemoRegistry(db, client, {
        projectId: project.id,
        actor,
        experimentIds: [...experimentIds.values()],
        log,
      });
    }
  } finally {
    await deleteServiceUser(db, SERVICE_EMAIL);
  }
  return result;
}
