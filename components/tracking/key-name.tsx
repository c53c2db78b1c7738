import { Fragment } from 'react';
import { splitAfterSeparators } from '@/lib/tracking/key-breaks';

/**
 * A key or value in monospace that wraps after its separators (`val/` `accuracy_` `top`), and only
 * mid-word when one word alone is wider than its column.
 */
export function KeyName({ text }: { text: string }) {
  return (
    <span className="font-mono wrap-break-word">
      {splitAfterSeparators(text).map((part, i) => (
        <Fragment key={i}>
          {part}
          <wbr />
        </Fragment>
      ))}
    </span>
  );
}
