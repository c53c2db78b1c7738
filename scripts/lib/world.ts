// The smallest project the reliability scripts write into: an owner, a project with an API token, an
// experiment with runs to log metrics to, and a model with a Production version to log predictions for.
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { createExperiment } from '@/db/queries/experiments';
import { createProject } from '@/db/queries/projects';
import { createModelVersion, createRegisteredModel, transitionModelVersionStage } from '@/db/queries/registry';
import { createRun } from '@/db/queries/runs';
import { createApiToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import { monitors } from '@/db/schema';

export type World = {
  slug: string;
  projectId: string;
  token: string;
  email: string;
  password: string;
  experimentId: number;
  runIds: string[];
  model: string;
};

export async function createWorld(db: Db, opts: { runs: number }): Promise<World> {
  const password = 'reliability-password-1';
  const user = await createUser(db, null, { email: 'owner@reliability.test', name: 'Reliability owner', password });
  const actor = { id: user.id, isAdmin: false };
  const project = await createProject(db, actor, {
    slug: 'reliability',
    name: 'Reliability',
    problemStatement: 'Writes that must survive faults',
  });
  const { token } = await createApiToken(db, actor, project.id, 'reliability');
  const experiment = await createExperiment(db, actor, project.id, { name: 'Ingest under faults' });
  const runIds: string[] = [];
  for (let i = 0; i < opts.runs; i++)
    runIds.push(
      (
        await createRun(db, actor, project.id, {
          experimentId: experiment.id,
          runName: `ledger-${i}`,
          startTime: Date.now(),
        })
      ).id,
    );
  const model = 'ledger-model';
  await createRegisteredModel(db, actor, project.id, { name: model });
  const { version } = await createModelVersion(db, actor, project.id, { name: model });
  await transitionModelVersionStage(db, actor, project.id, {
    name: model,
    version: version.version,
    stage: 'Production',
    archiveExisting: true,
  });
  return {
    slug: project.slug,
    projectId: project.id,
    token,
    email: user.email,
    password,
    experimentId: experiment.id,
    runIds,
    model,
  };
}

/** The monitor the first prediction batch created for the world's model. */
export async function monitorIdOf(db: Db, projectId: string): Promise<string> {
  const [row] = await db.select({ id: monitors.id }).from(monitors).where(eq(monitors.projectId, projectId));
  if (!row) throw new Error('no monitor: no prediction batch was accepted');
  return row.id;
}

export const PREDICTION_TEMPLATE = { features: { temp: 12.5, wind: 3.1, city: 'Seattle' }, prediction: 'rain' };
