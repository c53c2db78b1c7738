import { Field } from '@/components/ui/action-form';
import {
  CATEGORY_LABELS,
  RESPONSE_LABELS,
  RISK_CATEGORIES,
  RISK_LEVELS,
  RISK_RESPONSES,
  RISK_STATUSES,
  RISK_STATUS_LABELS,
} from '@/lib/risks/scoring';
import { TEXT_LIMITS } from '@/lib/text-limits';

export type RiskDefaults = {
  title: string;
  description: string;
  category: string;
  likelihood: string;
  impact: string;
  ownerId: string | null;
  response: string;
  mitigationPlan: string;
  mitigationPct: number;
  status: string;
  nextReviewDate: string | null;
};

/** The fields of a risk, for the add form and the full edit form (both inside an ActionForm). */
export function RiskFields({
  members,
  existing,
}: {
  members: Array<{ userId: string; name: string }>;
  existing?: RiskDefaults;
}) {
  const levels = RISK_LEVELS.map((l) => ({ value: l, label: l }));
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field
          name="title"
          label="Risk"
          defaultValue={existing?.title}
          required
          placeholder="Data quality issues"
          maxLength={TEXT_LIMITS.risk.title}
        />
        <Field
          name="category"
          label="Category"
          defaultValue={existing?.category ?? 'data_quality'}
          options={RISK_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
        />
        <Field name="likelihood" label="Likelihood" defaultValue={existing?.likelihood ?? 'Medium'} options={levels} />
        <Field name="impact" label="Impact" defaultValue={existing?.impact ?? 'Medium'} options={levels} />
        <Field
          name="ownerId"
          label="Owner"
          defaultValue={existing?.ownerId ?? ''}
          options={[{ value: '', label: 'Nobody yet' }, ...members.map((m) => ({ value: m.userId, label: m.name }))]}
        />
        <Field
          name="response"
          label="Response"
          defaultValue={existing?.response ?? 'mitigate'}
          options={RISK_RESPONSES.map((r) => ({ value: r, label: RESPONSE_LABELS[r] }))}
        />
        <Field
          name="mitigationPct"
          label="Mitigated (%)"
          type="number"
          defaultValue={existing?.mitigationPct ?? 0}
          hint="How much of the risk the mitigation removes, 0–100."
        />
        <Field
          name="status"
          label="Status"
          defaultValue={existing?.status ?? 'open'}
          options={RISK_STATUSES.map((s) => ({ value: s, label: RISK_STATUS_LABELS[s] }))}
        />
        <Field name="nextReviewDate" label="Next review" type="date" defaultValue={existing?.nextReviewDate ?? ''} />
      </div>
      <Field
        name="mitigationPlan"
        label="Mitigation plan"
        defaultValue={existing?.mitigationPlan}
        multiline
        placeholder="Implement a data validation pipeline"
        maxLength={TEXT_LIMITS.risk.mitigationPlan}
      />
      <Field
        name="description"
        label="Description"
        defaultValue={existing?.description}
        multiline
        maxLength={TEXT_LIMITS.risk.description}
      />
    </>
  );
}
