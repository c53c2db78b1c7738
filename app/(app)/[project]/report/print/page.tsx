import Link from 'next/link';
import { PrintButton } from '@/components/report/print-button';
import { ExperimentFilter } from '@/components/report/experiment-filter';
import { ProductionCharts } from '@/components/charts/lazy-charts';
import { ReportMarkdown } from '@/components/report/report-markdown';
import { getDb } from '@/db/client';
import { gatherReportData, listReportExperiments } from '@/db/queries/report';
import { renderReport } from '@/lib/report/render';
import { experimentParam } from '@/lib/report/production';
import { requireProjectAccess } from '@/server/project-page';

export const metadata = { title: 'Report (print)' };

/** The report alone, for paper or PDF: the app's navigation is hidden by the print stylesheet (`no-print`). */
export default async function ReportPrintPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string }>;
  searchParams: Promise<{ experiment?: string | string[] }>;
}) {
  const { project } = await requireProjectAccess((await params).project);
  const experiment = experimentParam((await searchParams).experiment);
  const db = await getDb();
  const [data, experiments] = await Promise.all([
    gatherReportData(db, project, { experimentFilter: experiment }),
    listReportExperiments(db, project.id),
  ]);
  return (
    <div className="mx-auto max-w-4xl bg-white p-8 text-black shadow-sm dark:bg-zinc-900 dark:text-zinc-100 print:max-w-none print:bg-white print:p-0 print:text-black print:shadow-none">
      <div className="no-print mb-6 flex items-center gap-3">
        <PrintButton />
        <Link className="text-sm text-indigo-700 underline dark:text-indigo-400" href={`/${project.slug}/report`}>
          Back to the report
        </Link>
      </div>
      <div className="no-print">
        <ExperimentFilter experiments={experiments} value={data.experimentFilter} />
      </div>
      <ReportMarkdown markdown={renderReport(data)} label="Report" />
      <section aria-label="Production health charts" className="mt-8">
        <h2 className="mb-3 border-b border-zinc-200 pb-1 text-xl font-semibold dark:border-zinc-700">
          Production health charts
        </h2>
        <ProductionCharts production={data.production} />
      </section>
    </div>
  );
}
