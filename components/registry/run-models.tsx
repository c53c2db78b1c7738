import Link from 'next/link';
import { StageBadge } from '@/components/registry/stage-badge';
import { EmptyActionLink, logFromCodeAction } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import type { ModelStage } from '@/lib/registry/vocabulary';

export type RunModelsProps = {
  project: string;
  loggedModels: {
    id: string;
    name: string;
    status: string;
    createdAt: Date;
    versions: { name: string; version: number }[];
  }[];
  versions: { name: string; version: number; stage: ModelStage; aliases: string[] }[];
};

const linkClass = 'text-indigo-700 underline dark:text-indigo-400';

/** What came out of a run: MLflow 3 logged models and the registered versions made from the run. */
export function RunModels({ project, loggedModels, versions }: RunModelsProps) {
  const versionHref = (name: string, version: number) =>
    `/${project}/models/${encodeURIComponent(name)}/versions/${version}`;
  if (loggedModels.length === 0 && versions.length === 0)
    return (
      <div>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No model from this run yet. Log one from the training code with{' '}
          <code className="font-mono text-xs">mlflow.&lt;flavor&gt;.log_model(model, name=&quot;model&quot;)</code> (add{' '}
          <code className="font-mono text-xs">registered_model_name=</code> to register it), or register the run’s{' '}
          <code className="font-mono text-xs">model/</code> folder as a version of a registered model.
        </p>
        <EmptyActionLink action={logFromCodeAction(project)} />
      </div>
    );
  return (
    <div className="space-y-4">
      {versions.length > 0 && (
        <div>
          <h3 className="mb-1 text-sm font-semibold">Registered versions</h3>
          <ul className="space-y-1 text-sm" aria-label="Registered versions from this run">
            {versions.map((v) => (
              <li key={`${v.name}/${v.version}`} className="flex flex-wrap items-center gap-2">
                <Link href={versionHref(v.name, v.version)} className={linkClass}>
                  {v.name} version {v.version}
                </Link>
                <StageBadge stage={v.stage} />
                {v.aliases.map((a) => (
                  <span key={a} className="font-mono text-xs text-zinc-600 dark:text-zinc-400">
                    @{a}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </div>
      )}
      {loggedModels.length > 0 && (
        <div>
          <h3 className="mb-1 text-sm font-semibold">Logged models (MLflow 3)</h3>
          <ul className="space-y-1 text-sm" aria-label="Logged models from this run">
            {loggedModels.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{m.name}</span>
                <code className="font-mono text-xs text-zinc-600 dark:text-zinc-400">models:/{m.id}</code>
                <span className="text-xs text-zinc-600 dark:text-zinc-400">
                  {m.status.toLowerCase()}, <LocalTime value={m.createdAt} />
                </span>
                {m.versions.length === 0 ? (
                  <span className="text-xs text-zinc-600 dark:text-zinc-400">not registered</span>
                ) : (
                  m.versions.map((v) => (
                    <Link key={`${v.name}/${v.version}`} href={versionHref(v.name, v.version)} className={linkClass}>
                      {v.name} version {v.version}
                    </Link>
                  ))
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
