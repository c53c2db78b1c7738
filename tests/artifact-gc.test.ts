// gc-artifacts: deleted runs and experiments go for good with their files; what a registered version needs stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectArtifactGarbage } from '@/server/artifacts/gc';
import { setArtifactStore } from '@/server/artifacts/store';
import { type OpenStore, STORE_KINDS, openArtifactStore } from './helpers/artifact-stores';
import { type MlflowApp, newExperiment, newRun, openMlflowApp } from './helpers/mlflow';
import { listArtifacts, logArtifact, runArtifactRoot } from './helpers/mlflow-artifacts';
import { newModel } from './helpers/mlflow-registry';

let m: MlflowApp;
beforeAll(async () => {
  m = await openMlflowApp();
});
afterAll(async () => {
  setArtifactStore(null);
  await m?.cleanup();
});

describe.each(STORE_KINDS)('gc-artifacts on the %s store', (kind) => {
  let opened: OpenStore;
  beforeAll(async () => {
    opened = await openArtifactStore(kind);
    setArtifactStore(opened.store);
  });
  afterAll(() => opened?.cleanup());

  it('removes deleted runs and experiments with their files, and keeps live and registered ones', async () => {
    const exp = await newExperiment(m, `gc-${kind}`);
    const [live, deleted, registered] = [
      await newRun(m, { experiment_id: exp }),
      await newRun(m, { experiment_id: exp }),
      await newRun(m, { experiment_id: exp }),
    ];
    const goneExp = await newExperiment(m, `gc-gone-${kind}`);
    const inGoneExp = await newRun(m, { experiment_id: goneExp });
    const roots = {
      live: await runArtifactRoot(m, live),
      deleted: await runArtifactRoot(m, deleted),
      registered: await runArtifactRoot(m, registered),
      inGoneExp: await runArtifactRoot(m, inGoneExp),
    };
    for (const root of Object.values(roots)) await logArtifact(m, root, 'f.txt', Buffer.from('bytes'));
    // A folder nothing owns: a run id no run has.
    await opened.store.put(
      `tracking/${exp}/ffffffffffffffffffffffffffffffff/artifacts/x`,
      (await import('node:stream')).Readable.from([Buffer.from('x')]),
      10,
    );
    await newModel(m, `gc-model-${kind}`);
    await m.post('model-versions/create', {
      name: `gc-model-${kind}`,
      source: `runs:/${registered}/f.txt`,
      run_id: registered,
    });
    for (const id of [deleted, registered]) expect((await m.post('runs/delete', { run_id: id })).status).toBe(200);
    expect((await m.post('experiments/delete', { experiment_id: goneExp })).status).toBe(200);

    const summary = await collectArtifactGarbage(m.db, opened.store);
    // Deleting an experiment deletes its runs (as MLflow), so its run goes as a deleted run too.
    expect(summary).toMatchObject({ runs: 2, experiments: 1 });
    expect(await opened.store.list(`tracking/${exp}`)).toEqual(
      [
        { path: live, isDir: true },
        { path: registered, isDir: true },
      ].sort((a, b) => (a.path < b.path ? -1 : 1)),
    );
    expect(await opened.store.stat(`tracking/${goneExp}`)).toBeNull();
    expect(await listArtifacts(m, roots.live)).toEqual([{ path: 'f.txt', is_dir: false, file_size: 5 }]);
    expect((await m.get('runs/get', { run_id: deleted })).status).toBe(404);
    expect((await m.get('runs/get', { run_id: registered })).status).toBe(200);
  });
});
