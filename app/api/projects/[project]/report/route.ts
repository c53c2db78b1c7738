import { z } from 'zod';
import { gatherReportData } from '@/db/queries/report';
import { renderReport, reportFileName } from '@/lib/report/render';
import { defineRoute } from '@/server/api';

export const dynamic = 'force-dynamic';

/** The generated report as a Markdown file, read live; members download it from the report page. */
export const GET = defineRoute(
  'viewer',
  z.object({ experiment: z.string().max(500, 'Use at most 500 characters').optional() }),
  async ({ db, caller, input }) => {
    const now = Date.now();
    const markdown = renderReport(
      await gatherReportData(db, caller.project, { now, experimentFilter: input.experiment || null }),
    );
    return new Response(markdown, {
      headers: {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': `attachment; filename="${reportFileName(caller.project.slug, now)}"`,
        'cache-control': 'no-store',
      },
    });
  },
  { session: true },
);
