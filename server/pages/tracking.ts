import { cache } from 'react';
import { getDb } from '@/db/client';
import { getExperiment } from '@/db/queries/experiments';
import { listLoggedModelsForRun } from '@/db/queries/logged-models';
import { listRunModelVersions, searchRegisteredModels } from '@/db/queries/registry';
import { getRunDetails } from '@/db/queries/runs';
import { roleAtLeast } from '@/lib/domain';
import { runId as runIdSchema } from '@/lib/ids';
import { describeErrorForLog } from '@/lib/log-error';
import { isLiveRunStatus } from '@/lib/tracking/vocabulary';
import { listArtifactsResponse } from '@/server/artifacts/http';
import { orNotFound, paramsOrNotFound } from '@/server/not-found';
import { requireProjectAccess } from '@/server/project-page';
import { getRequestOrigin } from '@/server/request-origin';

/**
 * Everything the run page draws: the run, where it sits, what it logged and what came out of it.
 * Cached per request, so the page and its title read the run once.
 */
export const loadRunPage = cache(async (slug: string, rawRunId: string) => {
  const { project, role } = await requireProjectAccess(slug);
  const db = await getDb();
  const details = await orNotFound(getRunDetails(db, project.id, await paramsOrNotFound(runIdSchema, rawRunId)));
  const { run } = details;
  const canEdit = roleAtLeast(role, 'editor');
  const [experiment, registeredModels, artifacts, origin, loggedModels, runVersions] = await Promise.all([
    getExperiment(db, project.id, run.experimentId),
    canEdit ? searchRegisteredModels(db, project.id, { limit: 50 }) : Promise.resolve([]),
    // An unreadable store costs the page its Artifacts section, not the whole page.
    listArtifactsResponse({ projectSlug: project.slug, artifactUri: run.artifactUri }, '').catch((err: unknown) => {
      console.error('artifact store unreadable', describeErrorForLog(err));
      return null;
    }),
    getRequestOrigin(),
    listLoggedModelsForRun(db, project.id, run.id),
    listRunModelVersions(db, project.id, run.id),
  ]);
  const datasets = details.inputs.map((i) => ({
    name: i.dataset.name,
    digest: i.dataset.digest,
    source: i.dataset.source,
    sourceType: i.dataset.sourceType,
    context: i.tags.find((t) => t.key === 'mlflow.data.context')?.value ?? '',
  }));
  return {
    project,
    canEdit,
    ...details,
    live: isLiveRunStatus(run.status),
    experiment,
    modelNames: registeredModels.map((m) => m.name),
    artifacts,
    origin,
    loggedModels,
    runVersions,
    datasets,
  };
});
