// Valid requests for the hostile-input test, one per action or endpoint that stores or searches text: the
// generators start from these and break or poison one field at a time, so a poisoned value travels the
// same path a real request does (through the schema and into SQL). Targets without a sample start from {}.

export type Fixture = {
  slug: string;
  ownerEmail: string;
  experimentId: string;
  runId: string;
  model: string;
  abTestId: string;
  monitorId: string;
  taskId: string;
  riskId: string;
  metricId: string;
  subProblemId: string;
};

/** A sample body; `wrap` turns the (mutated) object into the request body, e.g. one row of a batch. */
export type Sample = { body: Record<string, unknown>; wrap?: (row: Record<string, unknown>) => unknown };

const T = 1_700_000_000_000;
const csv = (name: string) => new File(['x,y\n1,a\n2,b\n'], name, { type: 'text/csv' });

/** MLflow endpoints by "METHOD path", native routes by "METHOD file". */
export const ROUTE_SAMPLES: Record<string, (f: Fixture) => Sample> = {
  'POST experiments/create': () => ({ body: { name: 'experiment', tags: [{ key: 'k', value: 'v' }] } }),
  'GET experiments/get': (f) => ({ body: { experiment_id: f.experimentId } }),
  'GET experiments/get-by-name': () => ({ body: { experiment_name: 'Default' } }),
  'POST experiments/search': () => ({ body: { filter: "name LIKE 'e%'", max_results: 10, order_by: ['name ASC'] } }),
  'GET experiments/search': () => ({ body: { filter: "name LIKE 'e%'", max_results: '10', order_by: 'name DESC' } }),
  'GET experiments/list': () => ({ body: { max_results: '10', view_type: 'ALL' } }),
  'POST experiments/update': (f) => ({ body: { experiment_id: f.experimentId, new_name: 'renamed' } }),
  'POST experiments/set-experiment-tag': (f) => ({ body: { experiment_id: f.experimentId, key: 'k', value: 'v' } }),
  'POST experiments/delete-experiment-tag': (f) => ({ body: { experiment_id: f.experimentId, key: 'k' } }),
  'POST runs/create': (f) => ({
    body: { experiment_id: f.experimentId, run_name: 'run', start_time: T, tags: [{ key: 'k', value: 'v' }] },
  }),
  'GET runs/get': (f) => ({ body: { run_id: f.runId } }),
  'POST runs/update': (f) => ({ body: { run_id: f.runId, status: 'RUNNING', run_name: 'run' } }),
  'POST runs/log-metric': (f) => ({ body: { run_id: f.runId, key: 'loss', value: 0.5, timestamp: T, step: 1 } }),
  'POST runs/log-parameter': (f) => ({ body: { run_id: f.runId, key: 'param', value: 'v' } }),
  'POST runs/set-tag': (f) => ({ body: { run_id: f.runId, key: 'tag', value: 'v' } }),
  'POST runs/delete-tag': (f) => ({ body: { run_id: f.runId, key: 'tag' } }),
  'POST runs/log-batch': (f) => ({
    body: {
      run_id: f.runId,
      metrics: [{ key: 'loss', value: 1, timestamp: T, step: 2 }],
      params: [{ key: 'p2', value: 'v' }],
      tags: [{ key: 't', value: 'v' }],
    },
  }),
  'POST runs/search': (f) => ({
    body: {
      experiment_ids: [f.experimentId],
      filter: "params.p = 'v' and metrics.loss > 0",
      order_by: ['metrics.loss DESC'],
      max_results: 10,
    },
  }),
  'POST runs/log-inputs': (f) => ({
    body: {
      run_id: f.runId,
      datasets: [
        { dataset: { name: 'data', digest: 'abc123', source_type: 'local', source: 's3://bucket/data' }, tags: [] },
      ],
    },
  }),
  'GET metrics/get-history': (f) => ({ body: { run_id: f.runId, metric_key: 'loss' } }),
  'GET metrics/get-history-bulk-interval': (f) => ({
    body: { run_ids: f.runId, metric_key: 'loss', max_results: '10' },
  }),
  'POST registered-models/create': () => ({
    body: { name: 'model', description: 'about', tags: [{ key: 'k', value: 'v' }] },
  }),
  'GET registered-models/get': (f) => ({ body: { name: f.model } }),
  'GET registered-models/search': () => ({
    body: { filter: "name LIKE 'm%'", max_results: '10', order_by: 'name ASC' },
  }),
  'POST registered-models/rename': () => ({ body: { name: 'absent model', new_name: 'renamed model' } }),
  'PATCH registered-models/update': (f) => ({ body: { name: f.model, description: 'about' } }),
  'POST registered-models/set-tag': (f) => ({ body: { name: f.model, key: 'k', value: 'v' } }),
  'DELETE registered-models/delete-tag': (f) => ({ body: { name: f.model, key: 'k' } }),
  'POST registered-models/get-latest-versions': (f) => ({ body: { name: f.model, stages: ['Production'] } }),
  'GET registered-models/get-latest-versions': (f) => ({ body: { name: f.model, stages: 'Production' } }),
  'POST registered-models/alias': (f) => ({ body: { name: f.model, alias: 'champion', version: '1' } }),
  'DELETE registered-models/alias': (f) => ({ body: { name: f.model, alias: 'gone' } }),
  'GET registered-models/alias': (f) => ({ body: { name: f.model, alias: 'champion' } }),
  'POST model-versions/create': (f) => ({
    body: { name: f.model, source: 's3://bucket/model', run_id: f.runId, description: 'about' },
  }),
  'GET model-versions/get': (f) => ({ body: { name: f.model, version: '1' } }),
  'GET model-versions/search': (f) => ({ body: { filter: `name = '${f.model}'`, max_results: '10' } }),
  'PATCH model-versions/update': (f) => ({ body: { name: f.model, version: '1', description: 'about' } }),
  'POST model-versions/transition-stage': (f) => ({ body: { name: f.model, version: '2', stage: 'Staging' } }),
  'POST model-versions/set-tag': (f) => ({ body: { name: f.model, version: '1', key: 'k', value: 'v' } }),
  'DELETE model-versions/delete-tag': (f) => ({ body: { name: f.model, version: '1', key: 'k' } }),
  'GET model-versions/get-download-uri': (f) => ({ body: { name: f.model, version: '1' } }),

  'GET app/api/projects/[project]/board/route.ts': () => ({ body: { sprint: 'backlog' } }),
  'GET app/api/projects/[project]/compare/metrics/route.ts': (f) => ({
    body: { key: 'loss', runs: f.runId, maxBuckets: '50' },
  }),
  'GET app/api/projects/[project]/runs/[runId]/metrics/history/route.ts': () => ({ body: { key: 'loss' } }),
  'GET app/api/projects/[project]/runs/[runId]/metrics/route.ts': () => ({
    body: { key: 'loss', fromStep: '0', toStep: '10', maxBuckets: '50' },
  }),
  'GET app/api/projects/[project]/runs/export/route.ts': () => ({
    body: {
      filter: "metrics.loss > 0 and params.p LIKE '%'",
      col: 'metrics.loss',
      sort: 'metrics.loss',
      since: '7d',
      status: 'FINISHED',
    },
  }),
  'POST app/api/v1/ab-tests/[id]/assign/route.ts': () => ({ body: { unit_id: 'unit-1' } }),
  'POST app/api/v1/ab-tests/[id]/events/route.ts': () => ({
    body: { unit_id: 'unit-1', metric: 'conversion', value: 1, timestamp: T },
    wrap: (row) => [row],
  }),
  'POST app/api/v1/ab-tests/route.ts': (f) => ({
    body: {
      name: 'test',
      description: 'about',
      model: f.model,
      variants: [{ version: 1 }, { version: 2 }],
      metrics: [{ name: 'conversion', kind: 'conversion', direction: 'increase' }],
    },
  }),
  'POST app/api/v1/models/[name]/actuals/route.ts': () => ({
    body: { id: 'p-1', actual: 1 },
    wrap: (row) => ({ rows: [row] }),
  }),
  'POST app/api/v1/models/[name]/predictions/route.ts': () => ({
    body: { id: 'p-1', timestamp: '2024-01-01T00:00:00Z', features: { x: 1, city: 'Oslo' }, prediction: 1 },
    wrap: (row) => ({ rows: [row] }),
  }),
  'GET app/api/v1/models/[name]/drift/route.ts': () => ({ body: { from: '2024-01-01', to: '2024-01-02' } }),
  'PUT app/api/v1/models/[name]/reference/route.ts': () => ({ body: { from: '2024-01-01', to: '2024-01-02' } }),
};

/** Actions by "file#name"; every project-scoped payload carries the project slug. */
export const ACTION_SAMPLES: Record<string, (f: Fixture) => Record<string, unknown>> = {
  'app/(app)/[project]/ab-tests/actions.ts#createAbTestAction': (f) => ({
    name: 'test',
    model: f.model,
    variants: ['1', '2'],
    control: '1',
    primaryName: 'conversion',
    primaryKind: 'conversion',
    primaryDirection: 'increase',
  }),
  'app/(app)/[project]/board/actions.ts#createTaskAction': () => ({
    title: 'task',
    description: 'about',
    status: 'todo',
    priority: '2',
    effort: '3',
    labels: 'a, b',
    sprintId: '',
  }),
  'app/(app)/[project]/board/actions.ts#moveTaskAction': (f) => ({ taskId: f.taskId, toStatus: 'todo' }),
  'app/(app)/[project]/board/actions.ts#setWipLimitsAction': () => ({ todo: '5', review: '' }),
  'app/(app)/[project]/board/actions.ts#linkTaskAction': (f) => ({
    taskId: f.taskId,
    kind: 'risk',
    targetId: f.riskId,
  }),
  'app/(app)/[project]/datasets/actions.ts#uploadDatasetAction': () => ({
    name: 'dataset',
    source: 'upload',
    file: csv('data.csv'),
  }),
  'app/(app)/[project]/metrics/actions.ts#createMetricAction': () => ({
    name: 'latency',
    description: 'p95',
    kind: 'guardrail',
    direction: 'lower_better',
    unit: 'ms',
    startValue: '200',
    target: '100',
    deadline: '2099-01-01',
    source: 'manual',
  }),
  'app/(app)/[project]/metrics/actions.ts#checkInAction': (f) => ({ id: f.metricId, value: '150', note: 'measured' }),
  'app/(app)/[project]/models/actions.ts#createModelAction': () => ({ name: 'model', description: 'about' }),
  'app/(app)/[project]/models/actions.ts#updateModelDescriptionAction': (f) => ({
    name: f.model,
    description: 'about',
  }),
  'app/(app)/[project]/models/actions.ts#registerVersionAction': (f) => ({
    name: f.model,
    runId: f.runId,
    description: 'about',
  }),
  'app/(app)/[project]/models/actions.ts#setAliasAction': (f) => ({ name: f.model, alias: 'candidate', version: '1' }),
  'app/(app)/[project]/models/actions.ts#deleteAliasAction': (f) => ({ name: f.model, alias: 'candidate' }),
  'app/(app)/[project]/monitoring/[model]/actions.ts#runCheckAction': (f) => ({
    monitorId: f.monitorId,
    from: '2024-01-01T00:00',
    to: '2024-01-02T00:00',
  }),
  'app/(app)/[project]/monitoring/[model]/actions.ts#uploadReferenceAction': (f) => ({
    monitorId: f.monitorId,
    name: 'reference',
    file: csv('ref.csv'),
  }),
  'app/(app)/[project]/monitoring/actions.ts#startMonitoringAction': (f) => ({ model: f.model, schedule: 'off' }),
  'app/(app)/[project]/problem/actions.ts#createSubProblemAction': () => ({
    title: 'sub-problem',
    description: 'about',
    status: 'not_started',
  }),
  'app/(app)/[project]/problem/actions.ts#updateSubProblemAction': (f) => ({
    id: f.subProblemId,
    field: 'title',
    value: 'renamed',
  }),
  'app/(app)/[project]/problem/actions.ts#linkSubProblemAction': (f) => ({
    id: f.subProblemId,
    kind: 'experiment',
    targetId: f.experimentId,
  }),
  'app/(app)/[project]/report/actions.ts#saveNarrativeAction': () => ({
    section: 'results',
    version: '0',
    body: 'narrative',
  }),
  'app/(app)/[project]/risks/actions.ts#createRiskAction': () => ({
    title: 'risk',
    description: 'about',
    category: 'data_quality',
    likelihood: 'High',
    impact: 'Low',
    response: 'mitigate',
    mitigationPlan: 'plan',
    mitigationPct: '10',
    status: 'open',
  }),
  'app/(app)/[project]/risks/actions.ts#quickUpdateRiskAction': (f) => ({
    id: f.riskId,
    version: '1',
    field: 'ownerId',
    value: '',
  }),
  'app/(app)/[project]/runs/actions.ts#updateRunMetadataAction': (f) => ({
    runId: f.runId,
    approach: 'hybrid',
    seed: '42',
    config: '{"lr": 0.1}',
    codeVersion: 'abc123',
  }),
  'app/(app)/[project]/settings/actions.ts#changeStageAction': () => ({ stage: 'baseline', reason: 'because' }),
  'app/(app)/[project]/settings/actions.ts#addMemberAction': () => ({ email: 'nobody@hostile.test', role: 'viewer' }),
  'app/(app)/[project]/settings/actions.ts#createTokenAction': () => ({ name: 'token' }),
  'app/(app)/[project]/sprints/actions.ts#createSprintAction': () => ({
    name: 'sprint',
    goal: 'ship',
    startDate: '2026-01-05',
    endDate: '2026-01-19',
  }),
  'app/(app)/admin/users/actions.ts#createUserAction': () => ({
    name: 'Someone',
    email: 'someone@hostile.test',
    password: 'long-enough-pw',
    isAdmin: '',
  }),
  'app/(app)/projects/actions.ts#createProjectAction': () => ({
    name: 'Project',
    slug: 'made-here',
    problemStatement: 'about',
  }),
  'app/(auth)/actions.ts#signIn': (f) => ({ email: f.ownerEmail, password: 'not-the-password' }),
};
