import { ArtifactBrowser } from '@/components/artifacts/artifact-browser';
import { EmptyActionLink, logFromCodeAction } from '@/components/ui/empty-state';
import { ScrollArea } from '@/components/ui/scroll-area';
import type { ModelFiles } from '@/server/artifacts/model-files';
import { SignatureTable } from './signature-table';

const MUTED = 'text-sm text-zinc-600 dark:text-zinc-400';
const H3 = 'mb-2 mt-5 text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400';

/** MLflow writes a DataFrame example in pandas' "split" orient: {"columns": [...], "data": [[...], ...]}. */
function splitFrame(text: string): { columns: string[]; data: unknown[][] } | null {
  try {
    const v = JSON.parse(text) as { columns?: unknown; data?: unknown };
    if (Array.isArray(v.columns) && Array.isArray(v.data) && v.data.every(Array.isArray)) {
      return { columns: v.columns.map(String), data: v.data as unknown[][] };
    }
  } catch {}
  return null;
}

function InputExample({ example }: { example: NonNullable<Extract<ModelFiles, { state: 'ok' }>['example']> }) {
  const frame = example.truncated ? null : splitFrame(example.text);
  if (frame) {
    return (
      <ScrollArea
        label="Input example"
        className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-700"
      >
        <table className="min-w-full text-left text-xs">
          <thead className="bg-zinc-50 dark:bg-zinc-800/60">
            <tr>
              {frame.columns.map((c, i) => (
                <th key={i} scope="col" className="px-3 py-2 font-semibold">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {frame.data.slice(0, 20).map((row, r) => (
              <tr key={r} className="border-t border-zinc-100 dark:border-zinc-800">
                {row.map((cell, i) => (
                  <td key={i} className="px-3 py-1.5 font-mono">
                    {typeof cell === 'string' ? cell : JSON.stringify(cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
    );
  }
  let shown = example.text;
  try {
    if (!example.truncated) shown = JSON.stringify(JSON.parse(example.text), null, 2);
  } catch {}
  return (
    <ScrollArea
      as="pre"
      label="Input example"
      className="max-h-80 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs dark:bg-zinc-950"
    >
      <code>{shown}</code>
    </ScrollArea>
  );
}

/** A model version's files: what its MLmodel declares, and the folder itself to browse and download. */
export function ModelFilesView({
  project,
  files,
  base,
  source,
}: {
  project: string;
  files: ModelFiles;
  base: string;
  source: string;
}) {
  if (files.state === 'unreadable') {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        The artifact store could not be read just now; reload the page to try again.
      </p>
    );
  }
  if (files.files.length === 0) {
    return (
      <div>
        <p className={MUTED}>
          No files for this version in Runboard&apos;s artifact store: its source{' '}
          <code className="font-mono">{source}</code> points elsewhere or its files were never uploaded. Log the model
          with an MLflow client whose tracking URI is this server (
          <code className="font-mono">mlflow.sklearn.log_model(...)</code>, then register it) to keep its files here.
        </p>
        <EmptyActionLink action={logFromCodeAction(project)} />
      </div>
    );
  }
  const { mlmodel, example } = files;
  return (
    <div>
      {mlmodel ? (
        <>
          <h3 className={H3}>Flavors</h3>
          <dl className="grid gap-3 md:grid-cols-2">
            {mlmodel.flavors.map((f) => (
              <div key={f.name} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-700">
                <dt className="font-mono text-sm font-semibold">{f.name}</dt>
                <dd className="mt-1 space-y-0.5 text-xs">
                  {f.details.map(([k, v]) => (
                    <div key={k} className="flex gap-2">
                      <span className="w-40 shrink-0 text-zinc-600 dark:text-zinc-400">{k}</span>
                      <span className="min-w-0 break-all font-mono">{v || '—'}</span>
                    </div>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
          <h3 className={H3}>Signature</h3>
          {mlmodel.signature ? (
            <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
              <div>
                <p className="mb-1 text-sm font-medium">Inputs</p>
                <SignatureTable
                  caption="Signature inputs"
                  columns={mlmodel.signature.inputs}
                  exportName="signature-inputs"
                />
              </div>
              <div>
                <p className="mb-1 text-sm font-medium">Outputs</p>
                <SignatureTable
                  caption="Signature outputs"
                  columns={mlmodel.signature.outputs}
                  exportName="signature-outputs"
                />
              </div>
            </div>
          ) : (
            <p className={MUTED}>
              No signature: log the model with signature=infer_signature(X, y) to record its inputs and outputs.
            </p>
          )}
          <h3 className={H3}>Input example</h3>
          {example ? (
            <InputExample example={example} />
          ) : (
            <p className={MUTED}>No input example: log the model with input_example=X[:5] to keep one.</p>
          )}
        </>
      ) : (
        <p className={MUTED}>This folder has no readable MLmodel file, so its flavors and signature are unknown.</p>
      )}
      <h3 className={H3}>Files</h3>
      <ArtifactBrowser
        base={base}
        rootFiles={files.files}
        label="Model files"
        zipLabel="Download model (zip)"
        empty={null}
        param="file"
      />
    </div>
  );
}
