// `npm run admin -- gc-artifacts`, like `mlflow gc`: runs and experiments deleted in the UI or API are
// removed for good with their artifacts, then any folder in the store that no project, experiment or run
// owns any more is removed. Runs and logged models a registered model version comes from are kept (the version
// needs their files); a removed run takes the logged models it logged with it.
import type { Db } from '@/db/client';
import {
  listArtifactOwners,
  listLoggedModelOwners,
  listPurgeableExperiments,
  listPurgeableLoggedModels,
  listPurgeableRuns,
  purgeExperiments,
  purgeLoggedModels,
  purgeRuns,
} from '@/db/queries/artifact-gc';
import { storePathOfUri } from '@/lib/artifacts/paths';
import { type ArtifactStore, getArtifactStore } from './store';

export type GcSummary = { runs: number; loggedModels: number; experiments: number; folders: string[] };

/** The store folder of a run's or experiment's artifacts, when it is in this project's part of the store. */
function ownFolder(projectSlug: string, uri: string, strip: RegExp): string | null {
  const path = storePathOfUri(uri)?.replace(strip, '');
  return path && path.split('/')[0] === projectSlug && path !== projectSlug ? path : null;
}

export async function collectArtifactGarbage(db: Db, store: ArtifactStore = getArtifactStore()): Promise<GcSummary> {
  const folders: string[] = [];
  const remove = async (folder: string | null) => {
    if (!folder) return;
    await store.deletePrefix(folder);
    folders.push(folder);
  };
  // Files first, rows after: a failure half-way leaves rows whose files are gone, which the next run finishes.
  const runs = await listPurgeableRuns(db);
  for (const r of runs) await remove(ownFolder(r.projectSlug, r.artifactUri, /\/artifacts$/));
  const models = await listPurgeableLoggedModels(
    db,
    runs.map((r) => r.id),
  );
  for (const lm of models) await remove(ownFolder(lm.projectSlug, lm.artifactLocation, /\/artifacts$/));
  await purgeLoggedModels(
    db,
    models.map((lm) => lm.id),
  );
  await purgeRuns(
    db,
    runs.map((r) => r.id),
  );
  const experiments = await listPurgeableExperiments(db);
  for (const e of experiments) await remove(ownFolder(e.projectSlug, e.artifactLocation, /$^/));
  await purgeExperiments(
    db,
    experiments.map((e) => e.id),
  );

  const owners = await listArtifactOwners(db);
  const modelOwners = await listLoggedModelOwners(db);
  for (const project of await store.list('')) {
    const exps = owners.get(project.path);
    if (!project.isDir || !exps) {
      await remove(project.path);
      continue;
    }
    for (const exp of await store.list(project.path)) {
      const runIds = exps.get(exp.path);
      const expFolder = `${project.path}/${exp.path}`;
      if (!exp.isDir || !runIds) {
        await remove(expFolder);
        continue;
      }
      for (const run of await store.list(expFolder)) {
        if (run.path !== 'models') {
          if (!runIds.has(run.path)) await remove(`${expFolder}/${run.path}`);
          continue;
        }
        const modelsFolder = `${expFolder}/models`;
        for (const model of await store.list(modelsFolder))
          if (!modelOwners.has(`${modelsFolder}/${model.path}`)) await remove(`${modelsFolder}/${model.path}`);
      }
    }
  }
  return { runs: runs.length, loggedModels: models.length, experiments: experiments.length, folders };
}
