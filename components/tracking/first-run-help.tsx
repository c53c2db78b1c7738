import Link from 'next/link';
import { CodeBlock } from '@/components/ui/code-block';
import { clientSetupLines } from '@/lib/tracking/client-setup';

/** How to log a first run with any MLflow client: the tracking URI is this server, the token comes from Settings. */
export function FirstRunHelp({
  project,
  origin,
  experimentName = 'Default',
}: {
  project: string;
  origin: string;
  experimentName?: string;
}) {
  const snippet = `${clientSetupLines(origin)}

python - <<'PY'
import mlflow
mlflow.set_experiment(${JSON.stringify(experimentName)})
with mlflow.start_run(run_name="baseline"):
    mlflow.set_tag("runboard.approach", "model-centric")  # or data-centric / hybrid
    mlflow.log_params({"lr": 0.01, "seed": 42})
    for step in range(100):
        mlflow.log_metric("loss", 1 / (step + 1), step=step)
PY`;
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 p-6 dark:border-zinc-600">
      <p className="font-medium text-zinc-900 dark:text-zinc-100">No runs logged yet</p>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Point any MLflow client at this server: set <code className="font-mono">MLFLOW_TRACKING_URI</code> to this
        address and <code className="font-mono">MLFLOW_TRACKING_TOKEN</code> to a token you create in{' '}
        <Link href={`/${project}/settings#tokens`} className="text-indigo-700 underline dark:text-indigo-400">
          Settings → API tokens
        </Link>
        . Runs appear here as they are logged.
      </p>
      <CodeBlock code={snippet} label="Example MLflow script" className="mt-3" />
    </div>
  );
}
