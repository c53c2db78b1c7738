import Link from 'next/link';
import { PrintButton } from '@/components/report/print-button';
import { ReportMarkdown } from '@/components/report/report-markdown';
import { getDb } from '@/db/client';
import { gatherReportData } from '@/db/queries/report';
import { renderReport } from '@/lib/report/render';
import { requireProjectAccess } from '@/server/project-page';

export const metadata = { title: 'Report (print)' };

/** The report alone, for paper or PDF: the app's navigation is hidden by the print stylesheet (`no-print`). */
export default async function ReportPrintPage({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await requireProjectAccess((await params).project);
  const data = await gatherReportData(await getDb(), project);
  return (
    <div className="mx-auto max-w-4xl bg-white p-8 text-black shadow-sm dark:bg-zinc-900 dark:text-zinc-100 print:max-w-none print:bg-white print:p-0 print:text-black print:shadow-none">
      <div className="no-print mb-6 flex items-center gap-3">
        <PrintButton />
        <Link className="text-sm text-indigo-700 underline dark:text-indigo-400" href={`/${project.slug}/report`}>
          Back to the report
        </Link>
      </div>
      <ReportMarkdown markdown={renderReport(data)} label="Report" />
    </div>
  );
}
