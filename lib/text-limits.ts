// The longest text each editable field accepts: the server's zod schemas and the forms' maxlength and
// counters read the same numbers, so a limit is shown while typing rather than reported after submit.
export const TEXT_LIMITS = {
  risk: { title: 200, description: 2000, mitigationPlan: 2000 },
  task: { title: 200, description: 20_000, labels: 500 },
  metric: { name: 120, description: 2000, unit: 20, sourceKey: 250, sourceModel: 250 },
  sprint: { name: 80, goal: 500 },
  report: { body: 20_000 },
} as const;
