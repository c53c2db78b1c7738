// The risk register's arithmetic: score, residual, criticality, review due dates, heat map and order.

/** Likelihood and impact as the seed writes them. */
export const RISK_LEVELS = ['High', 'Medium', 'Low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const LEVEL_WEIGHT: Record<RiskLevel, number> = { High: 3, Medium: 2, Low: 1 };

export const RISK_CATEGORIES = [
  'data_quality',
  'drift_skew',
  'bias_fairness',
  'privacy',
  'security',
  'latency',
  'cost',
  'staleness',
  'upstream_dependency',
  'compliance',
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];
export const CATEGORY_LABELS: Record<RiskCategory, string> = {
  data_quality: 'Data quality',
  drift_skew: 'Drift / skew',
  bias_fairness: 'Bias / fairness',
  privacy: 'Privacy',
  security: 'Security',
  latency: 'Latency',
  cost: 'Cost',
  staleness: 'Staleness',
  upstream_dependency: 'Upstream dependency',
  compliance: 'Compliance',
};

export const RISK_RESPONSES = ['avoid', 'mitigate', 'transfer', 'accept', 'escalate'] as const;
export type RiskResponse = (typeof RISK_RESPONSES)[number];
export const RESPONSE_LABELS: Record<RiskResponse, string> = {
  avoid: 'Avoid',
  mitigate: 'Mitigate',
  transfer: 'Transfer',
  accept: 'Accept',
  escalate: 'Escalate',
};

export const RISK_STATUSES = ['open', 'mitigating', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];
export const RISK_STATUS_LABELS: Record<RiskStatus, string> = {
  open: 'Open',
  mitigating: 'Mitigating',
  closed: 'Closed',
};

/** Score = likelihood × impact, High 3 / Medium 2 / Low 1, so 1…9. */
export const riskScore = (likelihood: RiskLevel, impact: RiskLevel) => LEVEL_WEIGHT[likelihood] * LEVEL_WEIGHT[impact];

/** What is left after mitigation: score × (1 − mitigation%), rounded to two decimals. */
export function residualScore(score: number, mitigationPct: number): number {
  const pct = Math.min(Math.max(mitigationPct, 0), 100);
  return Math.round(score * (100 - pct)) / 100;
}

/** Critical as the seed defines it: High likelihood and High impact. */
export const isCritical = (r: { likelihood: RiskLevel; impact: RiskLevel }) =>
  r.likelihood === 'High' && r.impact === 'High';

/** A review is overdue once its date has passed (the date itself is still on time); closed risks are never overdue. */
export function isReviewOverdue(r: { nextReviewDate: string | null; status: RiskStatus }, today: string): boolean {
  return r.status !== 'closed' && r.nextReviewDate !== null && r.nextReviewDate < today;
}

export type Severity = 'high' | 'medium' | 'low';
/** Heat-map colour band of a score: 6–9 high, 3–4 medium, 1–2 low. */
export const severityOf = (score: number): Severity => (score >= 6 ? 'high' : score >= 3 ? 'medium' : 'low');

type Rankable = {
  title: string;
  likelihood: RiskLevel;
  impact: RiskLevel;
  mitigationPct: number;
  status: RiskStatus;
  nextReviewDate: string | null;
};

/** Register order: open before closed, critical first, then score, residual, overdue reviews, title. */
export function sortRisks<R extends Rankable>(risks: readonly R[], today: string): R[] {
  const key = (r: R) => {
    const score = riskScore(r.likelihood, r.impact);
    return [
      r.status === 'closed' ? 1 : 0,
      isCritical(r) ? 0 : 1,
      -score,
      -residualScore(score, r.mitigationPct),
      isReviewOverdue(r, today) ? 0 : 1,
    ];
  };
  return [...risks].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return a.title.localeCompare(b.title);
  });
}

export type HeatCell = { likelihood: RiskLevel; impact: RiskLevel; score: number; severity: Severity; count: number };

/** The 3×3 grid, likelihood High→Low as rows and impact Low→High as columns; closed risks are left out. */
export function heatMap(
  risks: ReadonlyArray<{ likelihood: RiskLevel; impact: RiskLevel; status: RiskStatus }>,
): HeatCell[][] {
  const impacts = [...RISK_LEVELS].reverse();
  return RISK_LEVELS.map((likelihood) =>
    impacts.map((impact) => {
      const score = riskScore(likelihood, impact);
      const count = risks.filter(
        (r) => r.status !== 'closed' && r.likelihood === likelihood && r.impact === impact,
      ).length;
      return { likelihood, impact, score, severity: severityOf(score), count };
    }),
  );
}

export type RiskFilter = { likelihood?: RiskLevel; impact?: RiskLevel };

const asLevel = (v: unknown): RiskLevel | undefined =>
  typeof v === 'string' ? RISK_LEVELS.find((l) => l.toLowerCase() === v.toLowerCase()) : undefined;

/** The heat-map cell chosen in the URL (?l=High&i=Medium); anything else is ignored. */
export function parseRiskFilter(params: Record<string, string | string[] | undefined>): RiskFilter {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const likelihood = asLevel(one(params.l));
  const impact = asLevel(one(params.i));
  return { ...(likelihood ? { likelihood } : {}), ...(impact ? { impact } : {}) };
}

export function matchesFilter(r: { likelihood: RiskLevel; impact: RiskLevel }, f: RiskFilter): boolean {
  return (!f.likelihood || r.likelihood === f.likelihood) && (!f.impact || r.impact === f.impact);
}

/** What the other person saved, for the conflict message a stale save gets. */
export function describeRisk(r: {
  title: string;
  likelihood: RiskLevel;
  impact: RiskLevel;
  mitigationPct: number;
  status: RiskStatus;
  response: RiskResponse;
  ownerName?: string | null;
  nextReviewDate: string | null;
}): string {
  return [
    `title “${r.title}”`,
    `likelihood ${r.likelihood}`,
    `impact ${r.impact}`,
    `mitigation ${r.mitigationPct}%`,
    `response ${RESPONSE_LABELS[r.response]}`,
    `status ${RISK_STATUS_LABELS[r.status]}`,
    `owner ${r.ownerName ?? 'nobody'}`,
    `next review ${r.nextReviewDate ?? 'not set'}`,
  ].join(', ');
}

/** A risk with what the register shows beside it: its score, residual score, and whether it is critical or overdue. */
export function withScores<
  R extends {
    likelihood: RiskLevel;
    impact: RiskLevel;
    mitigationPct: number;
    nextReviewDate: string | null;
    status: RiskStatus;
  },
>(r: R, today: string) {
  const score = riskScore(r.likelihood, r.impact);
  return {
    ...r,
    score,
    residual: residualScore(score, r.mitigationPct),
    critical: isCritical(r),
    overdue: isReviewOverdue(r, today),
  };
}
