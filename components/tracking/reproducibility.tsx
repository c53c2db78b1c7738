import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import { ScrollArea } from '@/components/ui/scroll-area';
import { CopyButton } from '@/components/ui/copy-button';

type Props = {
  seed: number | null;
  codeVersion: string | null;
  config: Record<string, unknown> | null;
  datasets: { name: string; digest: string }[];
};

function Item({
  label,
  value,
  copy,
  wide,
  children,
}: {
  label: string;
  value: string | null;
  copy?: string;
  wide?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className={cn('flex flex-col gap-1', wide && 'md:col-span-2')}>
      <dt className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="flex items-start gap-2">
        {value === null ? (
          <span className="text-sm text-zinc-600 dark:text-zinc-400">Not recorded</span>
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
      <Item label="Config JSON" value={configText} wide>
        <ScrollArea
          as="pre"
          label="Config JSON"
          className="max-h-64 flex-1 overflow-auto rounded-md bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-800"
        >
          {configText}
        </ScrollArea>
      </Item>
      <Item
        label="Dataset hashes"
        value={datasets.length ? datasets.map((d) => `${d.name}@${d.digest}`).join('\n') : null}
        wide
      >
        <ul className="flex-1 text-sm">
          {datasets.map((d) => (
            <li key={`${d.name}@${d.digest}`}>
              {d.name} <code className="font-mono">{d.digest}</code>
            </li>
          ))}
        </ul>
      </Item>
    </dl>
  );
}
