import Markdown from 'react-markdown';

// Raw HTML is skipped and react-markdown's default URL filter drops javascript: links, so a task
// description cannot inject script into a teammate's page.
export function TaskMarkdown({ source }: { source: string }) {
  if (!source.trim()) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No description yet.</p>;
  return (
    <div className="space-y-2 text-sm leading-relaxed text-zinc-800 dark:text-zinc-200 [&_a]:text-indigo-700 [&_a]:underline dark:[&_a]:text-indigo-300 [&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-1 dark:[&_code]:bg-zinc-800 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:font-semibold [&_h3]:font-semibold [&_li]:ml-5 [&_ol]:list-decimal [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-zinc-100 [&_pre]:p-2 dark:[&_pre]:bg-zinc-800 [&_ul]:list-disc">
      <Markdown skipHtml>{source}</Markdown>
    </div>
  );
}
