import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { EditForm } from '@/components/ui/edit-form';
import { PageHeader, Section } from '@/components/ui/page-header';
import { RiskFields } from '@/components/risks/risk-fields';
import { RiskHistoryTable } from '@/components/risks/risk-history-table';
import { RiskScoreChart } from '@/components/charts/lazy-charts';
import { Flag } from '@/components/success-metrics/status-badge';
import { getDb } from '@/db/client';
import { listMembers } from '@/db/queries/projects';
import { getRisk, listRiskScoreHistory } from '@/db/queries/risks';
import { roleAtLeast } from '@/lib/domain';
import {
  CATEGORY_LABELS,
  RESPONSE_LABELS,
  RISK_STATUS_LABELS,
  isCritical,
  isReviewOverdue,
  residualScore,
  riskScore,
} from '@/lib/risks/scoring';
import { todayUtc } from '@/lib/success-metrics/status';
import { uuidId } from '@/lib/ids';
import { orNotFound, paramsOrNotFound } from '@/server/not-found';
import { requireProjectAccess } from '@/server/project-page';
import { deleteRiskAction, updateRiskAction } from '../actions';

export const metadata = { title: 'Risk' };

async function findRisk(projectId: string, id: string) {
  return orNotFound(getRisk(await getDb(), projectId, await paramsOrNotFound(uuidId, id)));
}

async function load(projectId: string, riskId: string) {
  const db = await getDb();
  const [history, members] = await Promise.all([listRiskScoreHistory(db, riskId), listMembers(db, projectId)]);
  const now = Date.now();
  const points = history.map((h) => ({ at: h.createdAt.getTime(), score: h.score, residual: h.residual }));
  // Extend the last step to today so the current score shows as a line, not a dot.
  if (points.length) points.push({ ...points.at(-1)!, at: Math.max(now, points.at(-1)!.at) });
  return { history, members, points, today: todayUtc(now) };
}

export default async function RiskPage({ params }: { params: Promise<{ project: string; riskId: string }> }) {
  const { project: slug, riskId } = await params;
  const { project, role, user } = await requireProjectAccess(slug);
  const risk = await findRisk(project.id, riskId);
  const { history, members, points, today } = await load(project.id, risk.id);
  const score = riskScore(risk.likelihood, risk.impact);
  const canEdit = roleAtLeast(role, 'editor');
  return (
    <>
      <PageHeader
        title={risk.title}
        description={`${CATEGORY_LABELS[risk.category]} · likelihood ${risk.likelihood}, impact ${risk.impact} · score ${score}, residual ${residualScore(score, risk.mitigationPct)} · ${RESPONSE_LABELS[risk.response]} · ${RISK_STATUS_LABELS[risk.status]} · owner ${risk.ownerName ?? 'nobody'}`}
        actions={
          <span className="flex items-center gap-2">
            {isCritical(risk) && risk.status !== 'closed' && <Flag tone="red">Critical</Flag>}
            {isReviewOverdue(risk, today) && <Flag tone="amber">Review overdue</Flag>}
            <Link className="text-sm text-indigo-700 underline dark:text-indigo-400" href={`/${project.slug}/risks`}>
              Risk register
            </Link>
          </span>
        }
      />
      <Section title="Score history" description="Every change of likelihood, impact or mitigation, with who made it.">
        <RiskScoreChart title={risk.title} points={points} />
        <div className="mt-4">
          <RiskHistoryTable
            project={project.slug}
            title={risk.title}
            rows={history.slice().reverse()}
            emptyAction={canEdit ? { href: '#edit-risk', label: 'Edit the risk' } : undefined}
          />
        </div>
      </Section>
      {canEdit ? (
        <>
          <Section id="edit-risk" title="Edit risk">
            <EditForm
              draft={{ user: user.id, project: project.slug, entity: 'risk', id: risk.id }}
              version={risk.version}
              action={updateRiskAction}
              hidden={{ project: project.slug, id: risk.id }}
              label="Edit risk"
              submitLabel="Save risk"
            >
              <RiskFields members={members} existing={risk} />
            </EditForm>
          </Section>
          <Section title="Delete">
            <ActionForm
              action={deleteRiskAction}
              hidden={{ project: project.slug, id: risk.id }}
              label="Delete risk"
              submitLabel="Delete risk"
              submitVariant="danger"
              confirm={`Delete the risk “${risk.title}” and its history?`}
            />
          </Section>
        </>
      ) : (
        <Section title="Mitigation plan">
          <p className="whitespace-pre-wrap text-sm">{risk.mitigationPlan || 'No mitigation plan yet.'}</p>
          {risk.description && (
            <p className="mt-3 whitespace-pre-wrap text-sm text-zinc-700 dark:text-zinc-300">{risk.description}</p>
          )}
        </Section>
      )}
    </>
  );
}
