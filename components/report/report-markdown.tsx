import type { ReactNode } from 'react';
import Markdown from 'react-markdown';
import { ScrollArea } from '@/components/ui/scroll-area';
import { splitMarkdownBlocks } from '@/lib/report/render';

// Raw HTML in the Markdown is dropped (skipHtml), and react-markdown's default URL filter drops
// javascript: and other unsafe links, so a narrative cannot inject script or markup into the page.
const Inline = ({ children }: { children?: ReactNode }) => <>{children}</>;

const PROSE = [
  'text-sm leading-6 text-zinc-900 dark:text-zinc-100 print:text-black',
  '[&_h1]:mb-2 [&_h1]:text-2xl [&_h1]:font-semibold',
  '[&_h2]:mb-2 [&_h2]:mt-8 [&_h2]:border-b [&_h2]:border-zinc-200 [&_h2]:pb-1 [&_h2]:text-xl [&_h2]:font-semibold dark:[&_h2]:border-zinc-700',
  '[&_h3]:mb-2 [&_h3]:mt-5 [&_h3]:text-base [&_h3]:font-semibold',
  '[&_p]:my-2 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6',
  '[&_a]:text-indigo-700 [&_a]:underline dark:[&_a]:text-indigo-400',
  '[&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-xs dark:[&_code]:bg-zinc-800 print:[&_code]:bg-transparent',
  '[&_blockquote]:border-l-4 [&_blockquote]:border-zinc-300 [&_blockquote]:pl-3 [&_blockquote]:text-zinc-700 dark:[&_blockquote]:text-zinc-300',
].join(' ');

/** The report as people read it: Markdown rendered by react-markdown, with pipe tables drawn as tables. */
export function ReportMarkdown({ markdown, label }: { markdown: string; label: string }) {
  return (
    <article aria-label={label} className={PROSE}>
      {splitMarkdownBlocks(markdown).map((block, i) =>
        block.kind === 'markdown' ? (
          <Markdown key={i} skipHtml>
            {block.text}
          </Markdown>
        ) : (
          <ScrollArea key={i} label="Table" className="my-3 overflow-x-auto">
            <table className="min-w-full border-collapse text-left text-xs print:text-[10px]">
              <thead>
                <tr>
                  {block.header.map((h, j) => (
                    <th
                      key={j}
                      scope="col"
                      className="border border-zinc-300 bg-zinc-50 px-2 py-1 font-semibold dark:border-zinc-600 dark:bg-zinc-800 print:bg-transparent"
                    >
                      <Markdown skipHtml components={{ p: Inline }}>
                        {h}
                      </Markdown>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {block.rows.map((row, r) => (
                  <tr key={r}>
                    {row.map((c, j) => (
                      <td key={j} className="border border-zinc-300 px-2 py-1 align-top dark:border-zinc-600">
                        <Markdown skipHtml components={{ p: Inline }}>
                          {c}
                        </Markdown>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        ),
      )}
    </article>
  );
}
