// Registry rows → MLflow's proto JSON (mlflow/protos/model_registry.proto): versions as strings, times as epoch
// milliseconds, status READY (registration is synchronous), unset fields and empty lists left out.
import { compact } from './json';

type KeyValue = { key: string; value: string };

export type RegisteredModelRow = { name: string; description: string; createdAt: Date; updatedAt: Date };
export type ModelVersionRow = {
  version: number;
  stage: string;
  description: string;
  source: string;
  runId: string | null;
  runLink: string;
  /** MLflow 3's model_id; absent on rows made before logged models. */
  loggedModelId?: string | null;
  createdAt: Date;
  updatedAt: Date;
};
export type VersionExtras = { tags: KeyValue[]; aliases: string[] };

const keyValues = (list: KeyValue[]) => list.map((t) => ({ key: t.key, value: t.value }));

export function modelVersionJson(name: string, v: ModelVersionRow, extras: VersionExtras = { tags: [], aliases: [] }) {
  return compact({
    name,
    version: String(v.version),
    creation_timestamp: v.createdAt.getTime(),
    last_updated_timestamp: v.updatedAt.getTime(),
    current_stage: v.stage,
    description: v.description,
    source: v.source,
    run_id: v.runId,
    status: 'READY',
    tags: keyValues(extras.tags),
    run_link: v.runLink,
    aliases: [...extras.aliases],
    model_id: v.loggedModelId,
  });
}

/** MLflow's latest_versions: per stage (None and Archived included), the highest version number in it. */
export function latestPerStage<V extends { version: number; stage: string }>(versions: V[]): V[] {
  const latest = new Map<string, V>();
  for (const v of versions) {
    const held = latest.get(v.stage);
    if (!held || held.version < v.version) latest.set(v.stage, v);
  }
  return [...latest.values()].sort((a, b) => a.version - b.version);
}

export function registeredModelJson(
  m: RegisteredModelRow,
  details: {
    tags: KeyValue[];
    aliases: { alias: string; version: number }[];
    latestVersions: ReturnType<typeof modelVersionJson>[];
  },
) {
  return compact({
    name: m.name,
    creation_timestamp: m.createdAt.getTime(),
    last_updated_timestamp: m.updatedAt.getTime(),
    description: m.description,
    latest_versions: details.latestVersions,
    tags: keyValues(details.tags),
    aliases: details.aliases.map((a) => ({ alias: a.alias, version: String(a.version) })),
  });
}
