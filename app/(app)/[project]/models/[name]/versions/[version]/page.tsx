import Link from 'next/link';
import { ModelFilesView } from '@/components/registry/model-files';
import { StageBadge } from '@/components/registry/stage-badge';
import { PageHeader, Section } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getRunDatasets } from '@/db/queries/datasets';
import { getModelVersion, getModelVersionTags } from '@/db/queries/registry';
import { getRunRow } from '@/db/queries/runs';
import { versionNumber } from '@/lib/ids';
import { orNotFound, paramsOrNotFound } from '@/server/not-found';
import { requireProjectAccess } from '@/server/project-page';
import { loadModelFiles } from '@/server/artifacts/model-files';

function Step({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <li className="relative rounded-lg border border-zinc-200 bg-zinc-50 p-4 dark:border-zinc-700 dark:bg-zinc-800/50">
      <h3 className="mb-2 text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{title}</h3>
      {children}
    </li>
  );
}

function Pair({ k, v }: { k: string; v: React.ReactNode }) {
  return (
    <div className="flex gap-2 text-sm">
      <dt className="w-32 shrink-0 text-zinc-600 dark:text-zinc-400">{k}</dt>
      <dd className="min-w-0 break-all font-mono text-xs leading-5">{v ?? '—'}</dd>
    </div>
  );
}

/** Lineage: version → run → data, code, config and seed — what it takes to reproduce the model. */
export default async function VersionLineagePage({
  params,
}: {
  params: Promise<{ project: string; name: string; version: string }>;
}) {
  const { project: slug, name: rawName, version: rawVersion } = await params;
  const name = decodeURIComponent(rawName);
  const { project } = await requireProjectAccess(slug);
  const number = await paramsOrNotFound(versionNumber, rawVersion);
  const db = await getDb();
  const { version } = await orNotFound(getModelVersion(db, project.id, name, number));
  const [tags, run, inputs, files] = await Promise.all([
    getModelVersionTags(db, [version.id]),
    version.runId ? getRunRow(db, project.id, version.runId).catch(() => null) : null,
    version.runId ? getRunDatasets(db, version.runId) : [],
    loadModelFiles(db, project, version.source),
  ]);
  const base = `/${project.slug}/models/${encodeURIComponent(name)}`;
  return (
    <>
      <PageHeader
        title={`${name} · version ${version.version}`}
        description={version.description || undefined}
        actions={<StageBadge stage={version.stage} />}
      />
      <Section title="Lineage" description="Everything this version was built from, in order.">
        <ol className="grid gap-4 md:grid-cols-3" aria-label="Lineage chain">
          <Step title="Model version">
            <dl className="space-y-1">
              <Pair
                k="Model"
                v={
                  <Link href={base} className="text-indigo-700 underline dark:text-indigo-400">
                    {name}
                  </Link>
                }
              />
              <Pair k="Version" v={version.version} />
              <Pair k="Source" v={version.source} />
              <Pair k="Registered" v={version.createdAt.toISOString()} />
              {tags.map((t) => (
                <Pair key={t.key} k={`tag ${t.key}`} v={t.value} />
              ))}
            </dl>
          </Step>
          <Step title="Run">
            {run ? (
              <dl className="space-y-1">
                <Pair
                  k="Run"
                  v={
                    <Link
                      href={`/${project.slug}/runs/${run.id}`}
                      className="text-indigo-700 underline dark:text-indigo-400"
                    >
                      {run.name}
                    </Link>
                  }
                />
                <Pair k="Run id" v={run.id} />
                <Pair k="Approach" v={run.approach} />
                <Pair k="Random seed" v={run.seed} />
                <Pair k="Code version" v={run.codeVersion} />
                <Pair k="Config" v={run.config ? JSON.stringify(run.config) : null} />
                <Pair k="Status" v={run.status} />
              </dl>
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                This version was registered without a run (or its run was removed): it cannot be reproduced from
                Runboard.
              </p>
            )}
          </Step>
          <Step title="Data">
            {inputs.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                The run logged no dataset. Log one with MLflow&apos;s log_input, or register a CSV under Datasets.
              </p>
            ) : (
              <ul className="space-y-3">
                {inputs.map((i) => (
                  <li key={i.dataset.id}>
                    <dl className="space-y-1">
                      <Pair
                        k="Dataset"
                        v={
                          <Link
                            href={`/${project.slug}/datasets/${i.dataset.id}`}
                            className="text-indigo-700 underline dark:text-indigo-400"
                          >
                            {i.dataset.name}
                          </Link>
                        }
                      />
                      <Pair k="Hash" v={i.dataset.digest} />
                      <Pair k="Source" v={i.dataset.source} />
                    </dl>
                  </li>
                ))}
              </ul>
            )}
          </Step>
        </ol>
      </Section>
      <Section
        id="files"
        title="Model files"
        description="The model as logged: its flavors, signature and input example (from MLmodel), and every file in its folder."
      >
        <ModelFilesView
          project={project.slug}
          files={files}
          source={version.source}
          base={`/api/projects/${project.slug}/models/${encodeURIComponent(name)}/versions/${version.version}/artifacts`}
        />
      </Section>
      <Section title="Metrics and params at registration">
        <dl className="grid gap-1 md:grid-cols-2">
          {Object.entries(version.metrics).map(([k, v]) => (
            <Pair key={`m-${k}`} k={k} v={Number(v.toPrecision(6))} />
          ))}
          {Object.entries(version.params).map(([k, v]) => (
            <Pair key={`p-${k}`} k={`param ${k}`} v={v} />
          ))}
        </dl>
      </Section>
    </>
  );
}
