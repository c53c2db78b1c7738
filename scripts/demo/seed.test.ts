import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { eq } from 'drizzle-orm';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Db } from '@/db/client';
import { getMetricHistory } from '@/db/queries/run-metrics';
import { listExperiments } from '@/db/queries/experiments';
import { listMembers, listProjectsForUser } from '@/db/queries/projects';
import {
  deleteRegisteredModel,
  getModelDetails,
  getRegisteredModel,
  listModelTransitions,
} from '@/db/queries/registry';
import { countUsers, createFirstAdmin } from '@/db/queries/users';
import { apiTokens, datasets, runInputs, runMetrics, runTags, runs } from '@/db/schema';
import { parseWeatherCsv } from '@/scripts/demo/ml/weather';
import { DEMO_PROJECT, type SeedResult, seedDemoProject } from '@/scripts/demo/project';
import { DEMO_ALIAS, DEMO_MODEL, DEMO_VERSION_COUNT } from '@/scripts/demo/registry';
import { inProcessFetch } from '@/scripts/mlflow-in-process';
import { type ArtifactRoot, listArtifactsAt, openArtifactAt, walkArtifactsAt } from '@/server/artifacts/files';
import { LocalArtifactStore } from '@/server/artifacts/local-store';
import { setArtifactStore } from '@/server/artifacts/store';
import { resolveModelSource } from '@/server/mlflow/model-sources';
import { openAppTestDb } from '../../tests/helpers/app-db';
import { snapshotDatabase } from '../../tests/helpers/db-snapshot';

// The whole demo seed on a fresh database of this run's backend: real training, logged through the MLflow
// route handlers in-process, then run again to prove it adds nothing.
const csv = fs.readFileSync(path.join(process.cwd(), 'node_modules/vega-datasets/data/seattle-weather.csv'));
const days = parseWeatherCsv(csv.toString('utf8'));
const SEED_TIMEOUT = 240_000;

let db: Db;
let cleanup = async () => {};
const artifactDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-seed-artifacts-'));
let first: SeedResult;
const lines: string[] = [];

beforeAll(async () => {
  const app = await openAppTestDb();
  db = app.handle.db;
  cleanup = app.cleanup;
  setArtifactStore(new LocalArtifactStore(artifactDir));
  first = await seedDemoProject(db, {
    csv,
    days,
    gitCommit: 'abc123def',
    fetch: inProcessFetch,
    log: (l) => lines.push(l),
  });
}, SEED_TIMEOUT);

afterAll(async () => {
  setArtifactStore(null);
  fs.rmSync(artifactDir, { recursive: true, force: true });
  await cleanup();
});

const rootOf = (run: { artifactUri: string }): ArtifactRoot => ({
  projectSlug: DEMO_PROJECT.slug,
  artifactUri: run.artifactUri,
});

async function readArtifact(root: ArtifactRoot, rel: string): Promise<Buffer> {
  const file = await openArtifactAt(root, rel);
  if (!file) throw new Error(`${root.artifactUri}/${rel} is missing`);
  return buffer(file.stream);
}

async function demoRuns(projectId: string) {
  return db.select().from(runs).where(eq(runs.projectId, projectId));
}

describe('seed:demo', () => {
  it('creates the demo project with its problem statement, and leaves no user, member or token behind', async () => {
    expect(first.created).toBeGreaterThanOrEqual(10);
    expect(first.skipped).toBe(0);
    expect(await countUsers(db)).toBe(0);
    expect(await listMembers(db, first.projectId)).toEqual([]);
    expect(await db.select().from(apiTokens).where(eq(apiTokens.projectId, first.projectId))).toEqual([]);
    expect(lines.some((l) => /^run 3\/\d+: .* … acc 0\.\d{3}/.test(l))).toBe(true);
  });

  it('holds both experiments and at least ten finished runs with real start and end times', async () => {
    const names = (await listExperiments(db, first.projectId)).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Default', 'Logistic regression', 'Random forest']));
    const all = await demoRuns(first.projectId);
    expect(all.length).toBe(first.created);
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const run of all) {
      expect(run.status).toBe('FINISHED');
      expect(run.endTime).toBeGreaterThanOrEqual(run.startTime);
      expect(run.seed).toBe(42);
      expect(run.codeVersion).toBe('abc123def');
      expect(run.config).toMatchObject({ split: expect.any(Object), features: expect.any(Array) });
    }
    expect(new Set(all.map((r) => r.approach))).toEqual(new Set(['model-centric', 'data-centric']));
  });

  it('logs final metrics and learning curves for every run', async () => {
    for (const run of await demoRuns(first.projectId)) {
      const metrics = await db.select().from(runMetrics).where(eq(runMetrics.runId, run.id));
      const byKey = new Map(metrics.map((m) => [m.key, m]));
      for (const key of ['val_accuracy', 'val_f1', 'val_log_loss', 'train_accuracy'])
        expect(byKey.has(key), `${run.name}: ${key}`).toBe(true);
      expect(byKey.get('val_accuracy')!.value).toBeGreaterThan(0.6);
      expect(byKey.get('val_accuracy')!.count).toBeGreaterThanOrEqual(10);
      const curve = await getMetricHistory(db, run.id, 'val_accuracy');
      expect(curve.length).toBe(byKey.get('val_accuracy')!.count);
      expect(curve.map((p) => p.step)).toEqual([...curve.map((p) => p.step)].sort((a, b) => a - b));
    }
  });

  it('records the tags and the dataset versions each run used', async () => {
    const [run] = await demoRuns(first.projectId);
    const tags = new Map(
      (await db.select().from(runTags).where(eq(runTags.runId, run!.id))).map((t) => [t.key, t.value]),
    );
    expect(tags.get('runboard.approach')).toMatch(/-centric$/);
    expect(tags.get('runboard.seed')).toBe('42');
    expect(tags.get('mlflow.source.git.commit')).toBe('abc123def');
    expect(JSON.parse(tags.get('runboard.config')!)).toMatchObject({ seed: 42 });
    const used = await db
      .select({ d: datasets })
      .from(runInputs)
      .innerJoin(datasets, eq(datasets.id, runInputs.datasetId))
      .where(eq(runInputs.runId, run!.id));
    const raw = used.find((u) => u.d.name === 'seattle-weather')!.d;
    const sha = createHash('sha256').update(csv).digest('hex');
    expect(raw.digest).toBe(sha.slice(0, 32));
    expect(JSON.parse(raw.profile!)).toMatchObject({ num_rows: 1461, sha256: sha });
    expect(JSON.parse(raw.schema!).mlflow_colspec).toHaveLength(6);
    expect(used.map((u) => u.d.name).sort()).toEqual(['seattle-weather', 'seattle-weather-features']);
    // Data-centric runs trained on other derived tables: more than one version of the features dataset.
    const featureVersions = await db
      .select({ digest: datasets.digest })
      .from(datasets)
      .where(eq(datasets.name, 'seattle-weather-features'));
    expect(featureVersions.length).toBeGreaterThanOrEqual(3);
  });

  it('logs each run’s model folder, evaluation files, plot, model card and training log through the artifact proxy', async () => {
    for (const run of await demoRuns(first.projectId)) {
      const root = rootOf(run);
      const files: string[] = [];
      for await (const f of walkArtifactsAt(root)) files.push(f.path);
      expect(files.sort(), run.name).toEqual([
        'README.md',
        'confusion_matrix.csv',
        'confusion_matrix.json',
        'feature_importance.csv',
        'model/MLmodel',
        'model/code/runboard_demo_model.py',
        'model/conda.yaml',
        'model/input_example.json',
        'model/model.json',
        'model/python_env.yaml',
        'model/requirements.txt',
        'plots/roc_curve.png',
        'train.log',
      ]);
      const mlmodel = parseYaml((await readArtifact(root, 'model/MLmodel')).toString('utf8'));
      expect(mlmodel).toMatchObject({ artifact_path: 'model', run_id: run.id });
      const features = (run.config as { features: string[] }).features;
      expect(JSON.parse(mlmodel.signature.inputs).map((c: { name: string }) => c.name)).toEqual(features);
      const example = JSON.parse((await readArtifact(root, 'model/input_example.json')).toString('utf8'));
      expect(example.columns).toEqual(features);
      expect(example.data).toHaveLength(5);
      const png = PNG.sync.read(await readArtifact(root, 'plots/roc_curve.png'));
      expect([png.width, png.height]).toEqual([420, 400]);
      // The confusion matrix covers every validation row, and its diagonal is the logged val_accuracy.
      const cm = JSON.parse((await readArtifact(root, 'confusion_matrix.json')).toString('utf8')).matrix as number[][];
      const accuracy = (await db.select().from(runMetrics).where(eq(runMetrics.runId, run.id))).find(
        (m) => m.key === 'val_accuracy',
      )!.value;
      const total = cm.flat().reduce((a, b) => a + b, 0);
      expect(total).toBe(729);
      expect((cm[0]![0]! + cm[1]![1]!) / total).toBeCloseTo(accuracy, 12);
      expect((await readArtifact(root, 'README.md')).toString('utf8')).toContain(`# ${run.name}`);
      // Model.log's last step: the MLmodel recorded in the run's history tag.
      const history = (await db.select().from(runTags).where(eq(runTags.runId, run.id))).find(
        (t) => t.key === 'mlflow.log-model.history',
      );
      expect(JSON.parse(history!.value)).toEqual([mlmodel]);
    }
  });

  it('registers the best runs as versions of rain-tomorrow: one in Production, one rolled back, the alias champion', async () => {
    const model = await getRegisteredModel(db, first.projectId, DEMO_MODEL);
    const { versions, aliases } = await getModelDetails(db, [model.id]);
    // Reference: the runs' own final val_accuracy, best first.
    const finals = await db
      .select({ runId: runMetrics.runId, value: runMetrics.value })
      .from(runMetrics)
      .where(eq(runMetrics.key, 'val_accuracy'));
    const best = [...finals].sort((a, b) => b.value - a.value).slice(0, DEMO_VERSION_COUNT);
    expect(versions.map((v) => v.runId)).toEqual(best.map((r) => r.runId));
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(versions.map((v) => v.metrics.val_accuracy)).toEqual(best.map((r) => r.value));
    expect(versions.map((v) => v.stage)).toEqual(['Production', 'Archived', 'Staging', 'None']);
    expect(versions[0]).toMatchObject({
      source: `runs:/${best[0]!.runId}/model`,
      description: expect.stringMatching(/validation accuracy 0\.\d{3}/),
    });
    expect(aliases.map((a) => [a.alias, a.version])).toEqual([[DEMO_ALIAS, 1]]);
    // Each version's source resolves to its run's model folder, which holds that run's MLmodel.
    for (const v of versions) {
      const [run] = await db.select().from(runs).where(eq(runs.id, v.runId!));
      const location = await resolveModelSource(db, first.projectId, v.source);
      expect(location).toBe(`${run!.artifactUri}/model`);
      const folder = await listArtifactsAt({ projectSlug: DEMO_PROJECT.slug, artifactUri: location }, '');
      expect(folder.map((e) => e.path)).toEqual([
        'MLmodel',
        'code',
        'conda.yaml',
        'input_example.json',
        'model.json',
        'python_env.yaml',
        'requirements.txt',
      ]);
      const mlmodel = parseYaml(
        (await readArtifact({ projectSlug: DEMO_PROJECT.slug, artifactUri: location }, 'MLmodel')).toString('utf8'),
      );
      expect(mlmodel.run_id).toBe(v.runId);
    }

    // Oldest first: v3 to Staging, v1 promoted, v2 promoted over it (v1 archived), then rolled back (v2 archived).
    const timeline = (await listModelTransitions(db, model.id)).reverse();
    expect(timeline.map((e) => [e.kind, e.version, e.toStage])).toEqual([
      ['promote', 3, 'Staging'],
      ['promote', 1, 'Production'],
      ['archive', 1, 'Archived'],
      ['promote', 2, 'Production'],
      ['archive', 2, 'Archived'],
      ['rollback', 1, 'Production'],
      ['alias', 1, null],
    ]);
    const rollback = timeline.find((e) => e.kind === 'rollback')!;
    expect(rollback.reason).toMatch(
      /^Version 2 \(.+\) does not beat version 1 on the held-out days: accuracy 0\.\d{3} vs 0\.\d{3}, .*Production returns to version 1\.$/,
    );
    expect(lines).toContain(`registry: alias ${DEMO_ALIAS} → version 1`);
  });

  it('adds nothing when run again', async () => {
    const before = await snapshotDatabase(db);
    const again = await seedDemoProject(db, { csv, days, gitCommit: 'abc123def', fetch: inProcessFetch });
    expect(again).toMatchObject({ projectId: first.projectId, created: 0, skipped: first.created });
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('completes the registry of a project whose runs were logged before it, without logging runs again', async () => {
    await deleteRegisteredModel(db, null, first.projectId, DEMO_MODEL);
    const again = await seedDemoProject(db, { csv, days, gitCommit: 'abc123def', fetch: inProcessFetch });
    expect(again).toMatchObject({ created: 0, skipped: first.created });
    const model = await getRegisteredModel(db, first.projectId, DEMO_MODEL);
    const { versions, aliases } = await getModelDetails(db, [model.id]);
    expect(versions.map((v) => v.stage)).toEqual(['Production', 'Archived', 'Staging', 'None']);
    expect(aliases.map((a) => a.alias)).toEqual([DEMO_ALIAS]);
    expect(await db.select().from(apiTokens).where(eq(apiTokens.projectId, first.projectId))).toEqual([]);
  });

  it('shows the project to the first admin created afterwards', async () => {
    const admin = await createFirstAdmin(db, { email: 'first@example.com', name: 'First', password: 'first-admin-pw' });
    const visible = await listProjectsForUser(db, { id: admin.id, isAdmin: true });
    expect(visible.map((p) => p.slug)).toContain(DEMO_PROJECT.slug);
  });
});
