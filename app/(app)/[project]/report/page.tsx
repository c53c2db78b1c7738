import Link from 'next/link';
import { Field } from '@/components/ui/action-form';
import { EditForm } from '@/components/ui/edit-form';
import { buttonClass } from '@/components/ui/button';
import { PageHeader, Section } from '@/components/ui/page-header';
import { ExperimentFilter } from '@/components/report/experiment-filter';
import { ProductionCharts } from '@/components/charts/lazy-charts';
import { ReportMarkdown } from '@/components/report/report-markdown';
import { getDb } from '@/db/client';
import { gatherReportData, listReportExperiments, listReportNarratives } from '@/db/queries/report';
import { roleAtLeast } from '@/lib/domain';
import { formatDate } from '@/lib/format';
import { REPORT_SECTIONS, SECTION_TITLES, renderReport } from '@/lib/report/render';
import { experimentParam } from '@/lib/report/production';
import { TEXT_LIMITS } from '@/lib/text-limits';
import { requireProjectAccess } from '@/server/project-page';
import { saveNarrativeAction } from './actions';

export const metadata = { title: 'Report' };

export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string }>;
  searchParams: Promise<{ experiment?: string | string[] }>;
}) {
  const { project, role, user } = await requireProjectAccess((await params).project);
  const experiment = experimentParam((await searchParams).experiment);
  const db = await getDb();
  const [data, narratives, experiments] = await Promise.all([
    gatherReportData(db, project, { experimentFilter: experiment }),
    listReportNarratives(db, project.id),
    listReportExperiments(db, project.id),
  ]);
  const query = data.experimentFilter ? `?experiment=${encodeURIComponent(data.experimentFilter)}` : '';
  const canEdit = roleAtLeast(role, 'editor');
  return (
    <>
      <PageHeader
        title="Report"
        description="The project documentation in its standard sections, filled from live data each time it is opened, with the team's narrative at the top of each section."
        actions={
          <span className="flex gap-2">
            <a className={buttonClass('primary')} href={`/api/projects/${project.slug}/report${query}`} download>
              Download .md
            </a>
            <Link className={buttonClass('secondary')} href={`/${project.slug}/report/print${query}`}>
              Print view
            </Link>
          </span>
        }
      />
      {canEdit && (
        <Section
          title="Narrative"
          description="Markdown, shown above each section's live data. Raw HTML is not rendered."
        >
          <div className="grid gap-5 lg:grid-cols-2">
            {REPORT_SECTIONS.map((section) => {
              const saved = narratives[section];
              return (
                <EditForm
                  key={section}
                  draft={{ user: user.id, project: project.slug, entity: 'report', id: section }}
                  version={saved?.version ?? 0}
                  action={saveNarrativeAction}
                  hidden={{ project: project.slug, section }}
                  label={`${SECTION_TITLES[section]} narrative editor`}
                  submitLabel={`Save ${SECTION_TITLES[section]}`}
                >
                  <Field
                    name="body"
                    label={`${SECTION_TITLES[section]} narrative`}
                    defaultValue={saved?.body ?? ''}
                    multiline
                    maxLength={TEXT_LIMITS.report.body}
                    hint={
                      saved
                        ? `Last saved by ${saved.updatedBy ?? 'someone'} on ${formatDate(saved.updatedAt.getTime())}.`
                        : 'Not written yet.'
                    }
                  />
                </EditForm>
              );
            })}
          </div>
        </Section>
      )}
      <Section title="Preview">
        <ExperimentFilter experiments={experiments} value={data.experimentFilter} />
        <ReportMarkdown markdown={renderReport(data)} label="Report preview" />
      </Section>
      <Section
        title="Production health charts"
        description="Open alerts, drift and A/B results as charts; the print view carries them too."
      >
        <ProductionCharts production={data.production} project={project.slug} />
      </Section>
    </>
  );
}
