import { ActionForm } from '@/components/ui/action-form';
import { DialogButton } from '@/components/ui/dialog';
import { PageHeader, Section } from '@/components/ui/page-header';
import { RiskFields } from '@/components/risks/risk-fields';
import { RiskHeatMap } from '@/components/risks/risk-heat-map';
import { RiskRegister } from '@/components/risks/risk-register';
import { getDb } from '@/db/client';
import { listMembers } from '@/db/queries/projects';
import { listRisks } from '@/db/queries/risks';
import { roleAtLeast } from '@/lib/domain';
import { heatMap, isCritical, isReviewOverdue, matchesFilter, parseRiskFilter, sortRisks } from '@/lib/risks/scoring';
import { todayUtc } from '@/lib/success-metrics/status';
import { requireProjectAccess } from '@/server/project-page';
import { createRiskAction } from './actions';

export const metadata = { title: 'Risks' };

async function load(projectId: string) {
  const db = await getDb();
  const [risks, members] = await Promise.all([listRisks(db, projectId), listMembers(db, projectId)]);
  return { risks, members, today: todayUtc(Date.now()) };
}

export default async function RisksPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { project, role } = await requireProjectAccess((await params).project);
  const filter = parseRiskFilter(await searchParams);
  const { risks, members, today } = await load(project.id);
  const open = risks.filter((r) => r.status !== 'closed');
  const critical = open.filter(isCritical).length;
  const overdue = open.filter((r) => isReviewOverdue(r, today)).length;
  const shown = sortRisks(
    risks.filter((r) => matchesFilter(r, filter)),
    today,
  );
  const canEdit = roleAtLeast(role, 'editor');
  return (
    <>
      <PageHeader
        title="Risks"
        description="The risk register: score = likelihood × impact (High 3, Medium 2, Low 1), residual = score × (1 − mitigation). Critical (High/High) risks come first; change any value in the table and it saves at once."
        actions={
          canEdit && (
            <DialogButton label="New risk" title="Add a risk" anchor="new-risk">
              <ActionForm
                action={createRiskAction}
                hidden={{ project: project.slug }}
                label="Add a risk"
                submitLabel="Add risk"
                resetOnSuccess
              >
                <RiskFields members={members} />
              </ActionForm>
            </DialogButton>
          )
        }
      />
      <Section
        title="Heat map"
        description={`${open.length} open, ${critical} critical, ${overdue} with an overdue review. Choose a cell to list only its risks.`}
      >
        <RiskHeatMap grid={heatMap(risks)} selected={filter} />
      </Section>
      <Section
        title="Register"
        description={
          filter.likelihood || filter.impact
            ? `Showing likelihood ${filter.likelihood ?? 'any'}, impact ${filter.impact ?? 'any'}: ${shown.length} of ${risks.length} risks.`
            : `All ${risks.length} risks, critical first.`
        }
      >
        <RiskRegister project={project.slug} rows={shown} members={members} canEdit={canEdit} today={today} />
      </Section>
    </>
  );
}
