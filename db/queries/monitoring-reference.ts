import { and, desc, eq, like, sql } from 'drizzle-orm';
import { parseCsv } from '@/lib/datasets/profile';
import { DomainError } from '@/lib/errors';
import { CsvReferenceError, referenceRowsFromCsv } from '@/lib/monitoring/reference-csv';
import type { Db } from '../client';
import { datasets, monitors, referenceRows } from '../schema';
import { type Actor, recordActivity } from './activity';
import { registerCsvDataset } from './datasets';
import { addMonitorFeatures, getMonitorById, getMonitorFeatures } from './monitoring';
import { countRows } from './predictions';
import { isUuid } from '@/lib/ids';

const INSERT_CHUNK = 5000;

export type DatasetReference = { kind: 'dataset'; datasetId: string; name: string; digest: string; rows: number };
export type ReferenceSummary = { kind: 'window'; from: Date; to: Date; rows: number } | DatasetReference;

/** Points the monitor at its new reference (bumping its version) and records the change. */
async function saveReference(
  tx: Db,
  actor: Actor | null,
  { projectId, monitorId }: { projectId: string; monitorId: string },
  reference: {
    referenceKind: 'window' | 'dataset';
    referenceFrom: Date | null;
    referenceTo: Date | null;
    referenceDatasetId: string | null;
  },
  change: { before?: Record<string, unknown>; after: Record<string, unknown> },
) {
  await tx
    .update(monitors)
    .set({ ...reference, updatedAt: new Date(), version: sql`${monitors.version} + 1` })
    .where(eq(monitors.id, monitorId));
  await recordActivity(tx, actor, {
    projectId,
    entityType: 'monitor',
    entityId: monitorId,
    action: 'set-reference',
    ...change,
  });
}

/** A window [from, to) of the model's own logged predictions becomes the reference; it must hold rows. */
export async function setReferenceWindow(
  db: Db,
  actor: Actor | null,
  projectId: string,
  monitorId: string,
  from: Date,
  to: Date,
): Promise<ReferenceSummary> {
  if (!(from < to)) throw new DomainError('invalid', 'The reference window must end after it starts.', 'to');
  return db.transaction(async (tx) => {
    const { monitor } = await getMonitorById(tx, projectId, monitorId);
    const rows = await countRows(tx, { kind: 'window', monitorId, from, to });
    if (rows === 0)
      throw new DomainError(
        'invalid',
        `No predictions were logged between ${from.toISOString()} and ${to.toISOString()}.`,
        'from',
      );
    await saveReference(
      tx,
      actor,
      { projectId, monitorId },
      { referenceKind: 'window', referenceFrom: from, referenceTo: to, referenceDatasetId: null },
      {
        before: { reference: monitor.referenceKind },
        after: { reference: 'window', from: from.toISOString(), to: to.toISOString(), rows },
      },
    );
    return { kind: 'window', from, to, rows };
  });
}

/** A dataset version by id, or as name@digest (a digest prefix of 8+ hex digits is enough), that has stored rows. */
export async function findReferenceDataset(db: Db, projectId: string, ref: string) {
  const at = ref.lastIndexOf('@');
  const where = isUuid(ref)
    ? and(eq(datasets.projectId, projectId), eq(datasets.id, ref))
    : at > 0 && /^[0-9a-f]{8,}$/i.test(ref.slice(at + 1))
      ? and(
          eq(datasets.projectId, projectId),
          eq(datasets.name, ref.slice(0, at)),
          like(datasets.digest, `${ref.slice(at + 1).toLowerCase()}%`),
        )
      : null;
  if (!where)
    throw new DomainError('invalid', 'dataset_version: give a dataset id, or name@digest.', 'dataset_version');
  const found = await db.select().from(datasets).where(where).limit(2);
  if (found.length === 0)
    throw new DomainError(
      'not_found',
      `dataset_version: no dataset version ${ref} in this project.`,
      'dataset_version',
    );
  if (found.length > 1)
    throw new DomainError(
      'invalid',
      `dataset_version: ${ref} matches several versions; give more of the digest.`,
      'dataset_version',
    );
  return found[0]!;
}

async function useDataset(
  tx: Db,
  actor: Actor | null,
  projectId: string,
  monitorId: string,
  dataset: { id: string; name: string; digest: string },
): Promise<DatasetReference> {
  const rows = await countRows(tx, { kind: 'dataset', datasetId: dataset.id });
  if (rows === 0) {
    throw new DomainError(
      'invalid',
      `dataset_version: ${dataset.name}@${dataset.digest.slice(0, 12)} has no stored rows. Upload the CSV through the monitoring reference form so its rows are kept.`,
      'dataset_version',
    );
  }
  await saveReference(
    tx,
    actor,
    { projectId, monitorId },
    { referenceKind: 'dataset', referenceDatasetId: dataset.id, referenceFrom: null, referenceTo: null },
    { after: { reference: 'dataset', dataset: `${dataset.name}@${dataset.digest.slice(0, 12)}`, rows } },
  );
  return { kind: 'dataset', datasetId: dataset.id, name: dataset.name, digest: dataset.digest, rows };
}

export async function setReferenceDataset(
  db: Db,
  actor: Actor | null,
  projectId: string,
  monitorId: string,
  ref: string,
): Promise<DatasetReference> {
  return db.transaction(async (tx) => {
    await getMonitorById(tx, projectId, monitorId);
    return useDataset(tx, actor, projectId, monitorId, await findReferenceDataset(tx, projectId, ref));
  });
}

/**
 * A CSV (e.g. the training data) registered as a dataset version and kept row by row as the model's
 * reference, all in one transaction. Columns become features (kinds from the model's known features, else
 * inferred); `prediction` and `actual` columns feed the performance baseline; `id` and `timestamp` are skipped.
 */
export async function uploadReferenceCsv(
  db: Db,
  actor: Actor,
  projectId: string,
  monitorId: string,
  input: { name: string; csv: string; source?: string },
) {
  let table: string[][];
  try {
    table = parseCsv(input.csv.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new DomainError('invalid', `The file is not a readable CSV: ${(err as Error).message}`, 'file');
  }
  return db.transaction(async (tx) => {
    await getMonitorById(tx, projectId, monitorId);
    const known = new Map((await getMonitorFeatures(tx, monitorId)).map((f) => [f.name, f.kind]));
    let parsed: ReturnType<typeof referenceRowsFromCsv>;
    try {
      parsed = referenceRowsFromCsv(table, known);
    } catch (err) {
      if (err instanceof CsvReferenceError) throw new DomainError('invalid', err.message, 'file');
      throw err;
    }
    const dataset = await registerCsvDataset(tx, actor, projectId, {
      name: input.name,
      csv: input.csv,
      source: input.source,
    });
    await addMonitorFeatures(tx, monitorId, parsed.newFeatures);
    for (let i = 0; i < parsed.rows.length; i += INSERT_CHUNK) {
      const chunk = parsed.rows.slice(i, i + INSERT_CHUNK);
      await tx.insert(referenceRows).values(chunk.map((r, j) => ({ datasetId: dataset.id, rowIndex: i + j, ...r })));
    }
    return useDataset(tx, actor, projectId, monitorId, dataset);
  });
}

export async function describeReference(
  db: Db,
  monitor: {
    id: string;
    referenceKind: string;
    referenceFrom: Date | null;
    referenceTo: Date | null;
    referenceDatasetId: string | null;
  },
): Promise<ReferenceSummary | null> {
  if (monitor.referenceKind === 'window' && monitor.referenceFrom && monitor.referenceTo) {
    const rows = await countRows(db, {
      kind: 'window',
      monitorId: monitor.id,
      from: monitor.referenceFrom,
      to: monitor.referenceTo,
    });
    return { kind: 'window', from: monitor.referenceFrom, to: monitor.referenceTo, rows };
  }
  if (monitor.referenceKind === 'dataset' && monitor.referenceDatasetId) {
    const [d] = await db
      .select()
      .from(datasets)
      .where(and(eq(datasets.id, monitor.referenceDatasetId)));
    if (!d) return null;
    return {
      kind: 'dataset',
      datasetId: d.id,
      name: d.name,
      digest: d.digest,
      rows: await countRows(db, { kind: 'dataset', datasetId: d.id }),
    };
  }
  return null;
}

/** Dataset versions of the project whose rows are stored for monitoring (uploaded through the reference form). */
export async function listReferenceDatasets(db: Db, projectId: string) {
  const stored = sql<number>`(select count(*) from ${referenceRows} r where r.dataset_id = ${datasets.id})::int`;
  return db
    .select({
      id: datasets.id,
      name: datasets.name,
      digest: datasets.digest,
      createdAt: datasets.createdAt,
      rows: stored,
    })
    .from(datasets)
    .where(
      and(
        eq(datasets.projectId, projectId),
        sql`exists (select 1 from ${referenceRows} r where r.dataset_id = ${datasets.id})`,
      ),
    )
    .orderBy(desc(datasets.createdAt));
}
