import { describe, expect, it } from 'vitest';
import { type ReportData, escapeInline, renderReport, reportFileName, splitMarkdownBlocks } from './render';

const empty: ReportData = {
  project: { name: 'Churn', stage: 'define', problemStatement: '' },
  generatedAt: Date.UTC(2026, 4, 17, 9, 30),
  iterations: 1,
  subProblems: [],
  metrics: [],
  success: { success: false, primaryCount: 0, missing: [] },
  datasets: [],
  experiments: [],
  experimentFilter: null,
  production: {
    health: { health: 'at_risk', reasons: [{ health: 'at_risk', text: 'No primary success metric is defined' }] },
    monitors: [],
    alerts: [],
    abTests: [],
  },
  approaches: [],
  bestRuns: [],
  modelVersions: [],
  risks: [],
  sprint: null,
  narratives: {},
};

const full: ReportData = {
  ...empty,
  project: {
    name: 'Customer churn',
    stage: 'improve',
    problemStatement: 'Predict customer churn\n\nso retention can act first.',
  },
  iterations: 2,
  subProblems: [
    { id: 'a', parentId: null, title: 'Identify churn indicators', status: 'done', ownerName: 'Ada' },
    { id: 'b', parentId: null, title: 'Predict churn probability', status: 'in_progress', ownerName: null },
    { id: 'c', parentId: 'b', title: 'Calibrate scores', status: 'not_started', ownerName: null },
  ],
  metrics: [
    {
      name: 'accuracy',
      kind: 'model',
      isPrimary: true,
      direction: 'higher_better',
      target: 0.9,
      rangeMin: null,
      rangeMax: null,
      unit: '',
      startValue: 0.7,
      current: 0.92,
      status: 'achieved',
      deadline: '2026-06-30',
      ownerName: 'Ada',
    },
    {
      name: 'latency',
      kind: 'guardrail',
      isPrimary: true,
      direction: 'lower_better',
      target: 100,
      rangeMin: null,
      rangeMax: null,
      unit: 'ms',
      startValue: 200,
      current: 130,
      status: 'at_risk',
      deadline: '2026-06-30',
      ownerName: null,
    },
  ],
  success: { success: false, primaryCount: 2, missing: ['latency'] },
  datasets: [
    {
      name: 'customers',
      digest: 'abcdef0123456789',
      sourceType: '',
      source: 's3://bucket/customers.csv',
      createdAt: Date.UTC(2026, 0, 2),
      runs: 3,
    },
  ],
  experiments: [{ name: 'Default', runCount: 4 }],
  production: {
    health: {
      health: 'off_track',
      reasons: [{ health: 'off_track', text: 'churn: 1 open critical performance alert (accuracy)' }],
    },
    monitors: [
      {
        model: 'churn',
        stage: 'Production',
        servingVersion: 2,
        predictions: 1200,
        lastWindowEnd: Date.UTC(2026, 4, 16),
        datasetDrift: false,
        driftShare: 0.25,
        drifted: ['tenure'],
        openAlerts: 3,
        openDatasetDriftAlerts: 1,
      },
    ],
    alerts: [
      {
        model: 'churn',
        kind: 'drift',
        severity: 'critical',
        open: 2,
        acknowledged: 0,
        count: 2,
        subjects: ['age', 'tenure'],
        lastSeenAt: Date.UTC(2026, 4, 16),
      },
    ],
    abTests: [
      {
        name: 'v2 vs v1',
        model: 'churn',
        status: 'running',
        primaryMetric: 'retained',
        assigned: 2000,
        variants: [
          {
            variant: 'A',
            version: 1,
            n: 1000,
            mean: 0.5,
            halfWidth: 0.031,
            relativeLift: null,
            pValue: null,
            verdict: null,
          },
          {
            variant: 'B',
            version: 2,
            n: 1000,
            mean: 0.55,
            halfWidth: 0.0308,
            relativeLift: 0.1,
            pValue: 0.0253,
            verdict: 'better',
          },
        ],
      },
    ],
  },
  approaches: [
    { approach: 'data-centric', runs: 3 },
    { approach: 'model-centric', runs: 1 },
  ],
  bestRuns: [
    {
      metricName: 'accuracy',
      key: 'acc',
      value: 0.92,
      runName: 'forest-big',
      runId: '0123456789abcdef0123456789abcdef',
    },
  ],
  modelVersions: [
    { model: 'churn', version: 2, stage: 'Production', metrics: { acc: 0.92 }, createdAt: Date.UTC(2026, 1, 1) },
  ],
  risks: [
    {
      title: 'Data quality issues',
      category: 'data_quality',
      likelihood: 'High',
      impact: 'High',
      score: 9,
      residual: 4.5,
      status: 'open',
      ownerName: 'Ada',
      mitigationPlan: 'Implement data validation pipeline',
      critical: true,
      overdue: true,
    },
  ],
  sprint: {
    name: 'Sprint 3',
    goal: 'Ship v2',
    endDate: '2026-05-28',
    tasks: 5,
    doneTasks: 2,
    points: 13,
    donePoints: 5,
  },
  narratives: { methodology: 'We trained **gradient boosting** after cleaning labels.', conclusions: '  ' },
};

describe('renderReport', () => {
  it('has the seed’s five sections, in order, under the project title', () => {
    const md = renderReport(empty);
    expect(md.startsWith('# Churn — ML Project Documentation\n\n_Generated 17 May 2026, 09:30 UTC')).toBe(true);
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Problem Statement', '## Data', '## Methodology', '## Results', '## Conclusions']);
  });

  it('says plainly what is missing in an empty project', () => {
    const md = renderReport(empty);
    expect(md).toContain('_No problem statement has been written._');
    expect(md).toContain('_No success metrics are defined._');
    expect(md).toContain('_No dataset versions are registered._');
    expect(md).toContain('_No sprint is active._');
    expect(md).toContain('**Project success: not measurable** — no primary success metric is defined.');
    expect(md).toContain('_The risk register is empty._');
  });

  it('fills the sections from live data and puts each narrative first in its section', () => {
    const md = renderReport(full);
    expect(md).toContain('Predict customer churn\n\nso retention can act first.');
    expect(md).toContain(
      '- **Identify churn indicators** — Done (Ada)\n- **Predict churn probability** — In progress\n  - **Calibrate scores** — Not started',
    );
    expect(md).toContain('| accuracy (primary) | Model | ≥ 0.9 | 0.7 | 0.92 | Achieved | 30 Jun 2026 | Ada |');
    expect(md).toContain('| latency (primary) | Guardrail | ≤ 100 ms | 200 | 130 | At risk | 30 Jun 2026 | — |');
    expect(md).toContain('| customers | `abcdef012345` | s3://bucket/customers.csv | 2 Jan 2026 | 3 |');
    expect(md).toContain('The project is in the **Improve** stage of the iterative loop, iteration 2.');
    expect(md).toContain('| data-centric | 3 |');
    expect(md).toContain('| accuracy | acc | 0.92 | forest-big (`0123456789abcdef0123456789abcdef`) |');
    expect(md).toContain('| churn | 2 | Production | acc=0.92 | 1 Feb 2026 |');
    expect(md).toContain(
      'Sprint **Sprint 3** (goal: Ship v2): 2 of 5 tasks and 5 of 13 points done; it ends 28 May 2026.',
    );
    expect(md).toContain('**Project success: not yet** — not achieved: latency.');
    expect(md).toContain(
      '| Data quality issues **(critical)** _(review overdue)_ | Data quality | High | High | 9 | 4.5 | Open | Ada | Implement data validation pipeline |',
    );
    const methodology = md.slice(md.indexOf('## Methodology'));
    expect(methodology.indexOf('We trained **gradient boosting**')).toBeLessThan(
      methodology.indexOf('The project is in'),
    );
    // a blank narrative adds nothing
    expect(md).toContain(
      '## Conclusions\n\n**Project health: Off track**\n\n- churn: 1 open critical performance alert',
    );
  });

  it('adds production health to the results: monitoring that agrees with open drift alerts, grouped alerts, A/B results', () => {
    const md = renderReport(full);
    const results = md.slice(md.indexOf('## Results'), md.indexOf('## Conclusions'));
    expect(results).toContain(
      '| churn | v2 (Production) | 1,200 | 16 May 2026 | Yes (alert open; latest check: no) | 25% | tenure | 3 |',
    );
    expect(results).toContain('| churn | Feature drift | critical | 2 | 2 | 0 | age, tenure | 16 May 2026 |');
    expect(results).toContain(
      '| v2 vs v1 (churn, running) | retained | A (v1) control | 1,000 | 0.5 ± 0.031 | — | — | — |',
    );
    expect(results).toContain('| — | retained | B (v2) | 1,000 | 0.55 ± 0.0308 | +10% | 0.0253 | better |');
    const none = renderReport(empty);
    expect(none).toContain('_No model is monitored._');
    expect(none).toContain('_No open or acknowledged alerts._');
    expect(none).toContain('_No A/B tests._');
    expect(none).toContain('_No experiment has runs yet._');
  });

  it('shows a dataset source as text, not JSON, and names the experiment filter', () => {
    const md = renderReport({
      ...full,
      experimentFilter: 'Default',
      datasets: [{ ...full.datasets[0]!, sourceType: 'http', source: '{"url": "https://example.com/c.csv"}' }],
    });
    expect(md).toContain('| customers | `abcdef012345` | http: URL https://example.com/c.csv | 2 Jan 2026 | 3 |');
    expect(md).toContain('### Experiments (filtered to Default)');
  });

  it('escapes data so a name cannot inject HTML, links or break a table', () => {
    const md = renderReport({
      ...full,
      risks: [
        {
          ...full.risks[0]!,
          title: '<script>alert(1)</script> | [x](javascript:alert(1))',
          mitigationPlan: 'line one\nline two',
        },
      ],
    });
    expect(md).toContain('\\<script\\>alert(1)\\</script\\> \\| \\[x\\](javascript:alert(1))');
    expect(md).toContain('| line one line two |');
    expect(md).not.toContain('<script>');
  });
});

describe('escapeInline', () => {
  it('escapes markup and list or heading starts, but leaves ordinary punctuation alone', () => {
    expect(escapeInline('a*b_c`d')).toBe('a\\*b\\_c\\`d');
    expect(escapeInline('# not a heading')).toBe('\\# not a heading');
    expect(escapeInline('- not a list')).toBe('\\- not a list');
    expect(escapeInline('1. not a list')).toBe('1\\. not a list');
    expect(escapeInline('rain-tomorrow v2.1 (final)')).toBe('rain-tomorrow v2.1 (final)');
  });
});

describe('reportFileName', () => {
  it('names the download by slug and day', () => {
    expect(reportFileName('churn', Date.UTC(2026, 4, 17, 23, 59))).toBe('churn-report-2026-05-17.md');
  });
});

describe('splitMarkdownBlocks', () => {
  it('lifts pipe tables out and keeps the Markdown around them', () => {
    const blocks = splitMarkdownBlocks(
      '## Data\n\nIntro\n\n| A | B |\n| --- | --- |\n| 1 | x \\| y |\n| 2 | a\\\\ |\n\nAfter',
    );
    expect(blocks).toEqual([
      { kind: 'markdown', text: '## Data\n\nIntro\n' },
      {
        kind: 'table',
        header: ['A', 'B'],
        rows: [
          ['1', 'x \\| y'],
          ['2', 'a\\\\'],
        ],
      },
      { kind: 'markdown', text: '\nAfter' },
    ]);
  });

  it('leaves a pipe line without a delimiter row as text', () => {
    expect(splitMarkdownBlocks('| just text |')).toEqual([{ kind: 'markdown', text: '| just text |' }]);
  });

  it('round-trips a rendered report: every table comes back with its header', () => {
    const tables = splitMarkdownBlocks(renderReport(full)).filter((b) => b.kind === 'table');
    expect(tables.map((t) => (t.kind === 'table' ? t.header[0] : ''))).toEqual([
      'Metric',
      'Dataset',
      'Experiment',
      'Approach',
      'Metric',
      'Model',
      'Model',
      'Model',
      'Test',
      'Risk',
    ]);
    const risk = tables.at(-1)!;
    expect(risk.kind === 'table' && risk.rows[0]!.length).toBe(9);
  });
});
