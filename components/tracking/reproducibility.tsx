import type { ReactNode } from 'react';
import { CopyButton } from './copy-button';

type Props = {
  seed: number | null;
  codeVersion: string | null;
  config: Record<string, unknown> | null;
  datasets: { name: string; digest: string }[];
};

function Item({ label, value, copy, children }: { label: string; value: string | null; copy?: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <dt className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="flex items-start gap-2">
        {value === null ? (
          <span className="text-sm text-zinc-500">Not recorded</span>
        ) : (
          <>
            {children ?? <code className="break-all font-mono text-sm">{value}</code>}
            <CopyButton value={copy ?? value} label={label.toLowerCase()} />
          </>
        )}
      </dd>
    </div>
  );
}

/** What it takes to run this again: seed, exact code, config and the hashes of the data it read. */
export function Reproducibility({ seed, codeVersion, config, datasets }: Props) {
  const configText = config ? JSON.stringify(config, null, 2) : null;
  return (
    <dl className="grid grid-cols-1 gap-4 md:grid-cols-2">
      <Item label="Random seed" value={seed === null ? null : String(seed)} />
      <Item label="Code version" value={codeVersion} />
      <div className="md:col-span-2">
        <Item label="Config JSON" value={configText}>
          <pre className="max-h-64 flex-1 overflow-auto rounded-md bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-800">{configText}</pre>
        </Item>
      </div>
      <div className="md:col-span-2">
        <Item label="Dataset hashes" value={datasets.length ? datasets.map((d) => `${d.name}@${d.digest}`).join('\n') : null}>
          <ul className="flex-1 text-sm">
            {datasets.map((d) => (
              <li key={`${d.name}@${d.digest}`}>
                {d.name} <code className="font-mono">{d.digest}</code>
              </li>
            ))}
          </ul>
        </Item>
      </div>
    </dl>
  );
}
