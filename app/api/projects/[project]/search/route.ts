import { z } from 'zod';
import { type SearchHit, searchProject } from '@/db/queries/search';
import { defineRoute } from '@/server/api';

export const dynamic = 'force-dynamic';

const hrefOf = (slug: string, hit: SearchHit) => {
  const id = encodeURIComponent(hit.id);
  if (hit.kind === 'run') return `/${slug}/runs/${id}`;
  if (hit.kind === 'model') return `/${slug}/models/${id}`;
  if (hit.kind === 'risk') return `/${slug}/risks/${id}`;
  return `/${slug}/board/tasks/${id}`;
};

/** The command palette's search: runs, models, risks and tasks of the project whose names contain `q`. */
export const GET = defineRoute(
  'viewer',
  z.object({
    q: z
      .string('Send the text to search for as q')
      .trim()
      .min(1, 'Type at least one character to search (q)')
      .max(200, 'Search for at most 200 characters (q)'),
  }),
  async ({ db, caller, input }) => {
    const hits = await searchProject(db, caller.project.id, input.q);
    return { results: hits.map((hit) => ({ ...hit, href: hrefOf(caller.project.slug, hit) })) };
  },
  { session: true },
);
