import Link from 'next/link';
import { ActionForm, Field } from '@/components/ui/action-form';
import { buttonClass } from '@/components/ui/button';
import { PageHeader, Section } from '@/components/ui/page-header';
import { ReportMarkdown } from '@/components/report/report-markdown';
import { getDb } from '@/db/client';
import { gatherReportData, listReportNarratives } from '@/db/queries/report';
import { roleAtLeast } from '@/lib/domain';
import { formatDate } from '@/lib/format';
import { REPORT_SECTIONS, SECTION_TITLES, renderReport } from '@/lib/report/render';
import { requireProjectAccess } from '@/server/project-page';
import { saveNarrativeAction } from './actions';

export const metadata = { title: 'Report' };

export default async function ReportPage({ params }: { params: Promise<{ project: string }> }) {
  const { project, role } = await requireProjectAccess((await params).project);
  const db = await getDb();
  const [data, narratives] = await Promise.all([gatherReportData(db, project), listReportNarratives(db, project.id)]);
  const canEdit = roleAtLeast(role, 'editor');
  return (
    <>
      <PageHeader
        title="Report"
        description="The project documentation in its standard sections, filled from live data each time it is opened, with the team's narrative at the top of each section."
        actions={
          <span className="flex gap-2">
            <a className={buttonClass('primary')} href={`/api/projects/${project.slug}/report`} download>
              Download .md
            </a>
            <Link className={buttonClass('secondary')} href={`/${project.slug}/report/print`}>
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
                <ActionForm
                  key={section}
                  action={saveNarrativeAction}
                  hidden={{ project: project.slug, section, version: saved?.version ?? 0 }}
                  label={`${SECTION_TITLES[section]} narrative editor`}
                  submitLabel={`Save ${SECTION_TITLES[section]}`}
                  submitVariant="secondary"
                >
                  <Field
                    name="body"
                    label={`${SECTION_TITLES[section]} narrative`}
                    defaultValue={saved?.body ?? ''}
                    multiline
                    hint={
                      saved
                        ? `Last saved by ${saved.updatedBy ?? 'someone'} on ${formatDate(saved.updatedAt.getTime())}.`
                        : 'Not written yet.'
                    }
                  />
                </ActionForm>
              );
            })}
          </div>
        </Section>
      )}
      <Section title="Preview">
        <ReportMarkdown markdown={renderReport(data)} label="Report preview" />
      </Section>
    </>
  );
}
