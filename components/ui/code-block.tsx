import { cn } from './cn';
import { CopyButton } from './copy-button';
import { ScrollArea } from './scroll-area';

/** A snippet people paste into a terminal: scrolls sideways inside its box and has a copy button. */
export function CodeBlock({ code, label, className }: { code: string; label: string; className?: string }) {
  return (
    <div className={cn('relative', className)}>
      <ScrollArea
        as="pre"
        label={label}
        className="overflow-x-auto rounded-md bg-zinc-900 p-3 pr-20 text-xs leading-5 text-zinc-100 dark:bg-black"
      >
        <code>{code}</code>
      </ScrollArea>
      <div className="absolute right-2 top-2">
        <CopyButton value={code} label={label.toLowerCase()} />
      </div>
    </div>
  );
}
