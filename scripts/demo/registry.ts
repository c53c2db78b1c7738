// The demo project's model registry, kept the way a team would: the best real runs registered as versions of
// "rain-tomorrow" through the MLflow registry API, one promoted to Production, a newer one promoted over it and
// rolled back with a reason (roll back is Runboard's own action), another in Staging, and the alias "champion".
import type { Db } from '@/db/client';
import type { Actor } from '@/db/queries/activity';
import { getModelDetails, getRegisteredModel, listModelTransitions, rollbackProduction } from '@/db/queries/registry';
import { DomainError } from '@/lib/errors';
import { LABEL_DEFINITION } from '@/scripts/demo/ml/demo-plan';
import { WELL_KNOWN_TAGS } from '@/lib/tracking/vocabulary';
import type { MlflowClient, MlflowRun } from '../mlflow-client';

export const DEMO_MODEL = 'rain-tomorrow';
export const DEMO_ALIAS = 'champion';
/** How many of the best runs become versions. */
export const DEMO_VERSION_COUNT = 4;

export type DemoCandidate = {
  runId: string;
  runName: string;
  approach: string;
  accuracy: number;
  f1: number;
  logLoss: number;
};

async function findModel(db: Db, projectId: string) {
  return getRegisteredModel(db, projectId, DEMO_MODEL).catch((err: unknown) => {
    if (err instanceof DomainError && err.kind === 'not_found') return null;
    throw err;
  });
}

/** Read-only: true once the registry part is complete (its last step sets the alias), so a rerun adds nothing. */
export async function demoRegistrySeeded(db: Db, projectId: string): Promise<boolean> {
  const model = await findModel(db, projectId);
  if (!model) return false;
  const { aliases } = await getModelDetails(db, [model.id]);
  return aliases.some((a) => a.alias === DEMO_ALIAS);
}

function candidateOf(run: MlflowRun): DemoCandidate {
  const metric = (key: string) => Number(run.data?.metrics?.find((m) => m.key === key)?.value ?? Number.NaN);
  return {
    runId: run.info.run_id,
    runName: run.info.run_name ?? run.info.run_id,
    approach: run.data?.tags?.find((t) => t.key === WELL_KNOWN_TAGS.approach)?.value ?? 'unknown',
    accuracy: metric('val_accuracy'),
    f1: metric('val_f1'),
    logLoss: metric('val_log_loss'),
  };
}

const three = (x: number) => x.toFixed(3);

export const describeCandidate = (c: DemoCandidate) =>
  `${c.runName} (${c.approach}): validation accuracy ${three(c.accuracy)}, F1 ${three(c.f1)}, log loss ${three(c.logLoss)} on the held-out 2014–2015 days.`;

/** The roll back's reason, from the two versions' measured validation scores (the restored one has the best accuracy). */
export function rollbackReason(
  restored: { version: string; c: DemoCandidate },
  replaced: { version: string; c: DemoCandidate },
): string {
  const calibration = replaced.c.logLoss > restored.c.logLoss ? ' and its probabilities are worse calibrated' : '';
  return (
    `Version ${replaced.version} (${replaced.c.runName}) does not beat version ${restored.version} on the held-out days: ` +
    `accuracy ${three(replaced.c.accuracy)} vs ${three(restored.c.accuracy)}, F1 ${three(replaced.c.f1)} vs ${three(restored.c.f1)}, ` +
    `log loss ${three(replaced.c.logLoss)} vs ${three(restored.c.logLoss)}${calibration}. Production returns to version ${restored.version}.`
  );
}

/**
 * Registers, promotes, rolls back and aliases, each step only if it is not done yet. Every registry call goes
 * through the MLflow API as the seed's token; the roll back goes through db/queries as the same actor.
 */
export async function seedDemoRegistry(
  db: Db,
  client: MlflowClient,
  input: { projectId: string; actor: Actor; experimentIds: string[]; log: (line: string) => void },
): Promise<void> {
  const { runs } = await client.searchRuns({
    experimentIds: input.experimentIds,
    filter: "attributes.status = 'FINISHED'",
    orderBy: ['metrics.val_accuracy DESC'],
    maxResults: DEMO_VERSION_COUNT,
  });
  const best = runs.map(candidateOf).filter((c) => Number.isFinite(c.accuracy));
  if (best.length === 0) {
    input.log('registry: no finished run with val_accuracy yet, so no model to register');
    return;
  }
  if (!(await client.getRegisteredModel(DEMO_MODEL))) {
    await client.createRegisteredModel(DEMO_MODEL, {
      description: `Forecasts ${LABEL_DEFINITION}, for Seattle, from the day's weather. Versions are the demo's best runs by validation accuracy.`,
      tags: [
        { key: 'task', value: 'binary classification' },
        { key: 'target', value: 'rain_tomorrow' },
      ],
    });
  }
  const registered = new Map(
    (await client.searchModelVersions(`name = '${DEMO_MODEL}'`)).map((v) => [v.run_id, v.version]),
  );
  const versions: { version: string; c: DemoCandidate }[] = [];
  for (const c of best) {
    let version = registered.get(c.runId);
    if (!version) {
      version = (
        await client.createModelVersion({
          name: DEMO_MODEL,
          source: `runs:/${c.runId}/model`,
          runId: c.runId,
          description: describeCandidate(c),
          tags: [{ key: 'approach', value: c.approach }],
        })
      ).version;
      input.log(`registry: ${DEMO_MODEL} version ${version} from ${c.runName} (accuracy ${three(c.accuracy)})`);
    }
    versions.push({ version, c });
  }

  const model = await getRegisteredModel(db, input.projectId, DEMO_MODEL);
  const rolledBack = (await listModelTransitions(db, model.id)).some((e) => e.kind === 'rollback');
  const [first, second, third] = versions;
  if (!rolledBack) {
    if (third) await client.transitionModelVersionStage(DEMO_MODEL, third.version, 'Staging', false);
    await client.transitionModelVersionStage(DEMO_MODEL, first!.version, 'Production', true);
    if (second) {
      await client.transitionModelVersionStage(DEMO_MODEL, second.version, 'Production', true);
      await rollbackProduction(db, input.actor, input.projectId, DEMO_MODEL, rollbackReason(first!, second));
      input.log(
        `registry: promoted version ${second.version} over version ${first!.version}, then rolled Production back to version ${first!.version}`,
      );
    }
  }
  const current = await client.getRegisteredModel(DEMO_MODEL);
  const production = current?.latest_versions?.find((v) => v.current_stage === 'Production')?.version ?? first!.version;
  await client.setRegisteredModelAlias(DEMO_MODEL, DEMO_ALIAS, production);
  input.log(`registry: alias ${DEMO_ALIAS} → version ${production}`);
}
