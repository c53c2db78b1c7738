import { CodeBlock } from '@/components/ui/code-block';
import { EmptyActionLink, logFromCodeAction } from '@/components/ui/empty-state';
import { clientSetupLines } from '@/lib/tracking/client-setup';

/** The empty state of a run's artifacts: how any MLflow client logs files to this server. */
export function ArtifactsHelp({ project, origin, runId }: { project: string; origin: string; runId: string }) {
  const snippet = `${clientSetupLines(origin)}

python - <<'PY'
import mlflow
with mlflow.start_run(run_id="${runId}"):
    mlflow.log_artifact("plot.png")                 # one file
    mlflow.log_artifacts("reports", artifact_path="reports")  # a folder
PY`;
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 p-6 dark:border-zinc-600">
      <p className="font-medium text-zinc-900 dark:text-zinc-100">No artifacts logged for this run</p>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Log files with <code className="font-mono">mlflow.log_artifact(...)</code> or a folder with{' '}
        <code className="font-mono">mlflow.log_artifacts(...)</code>, with the tracking URI set to this server; they
        appear here as a tree you can preview and download.
      </p>
      <CodeBlock code={snippet} label="Example of logging artifacts" className="mt-3" />
      <EmptyActionLink action={logFromCodeAction(project)} />
    </div>
  );
}
