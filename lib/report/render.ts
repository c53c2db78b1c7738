// The generated project report: the seed's sections, filled from live data, rendered as Markdown.
import { formatDate, formatDay, formatSignificant, formatTimestamp, isoDay } from '@/lib/format';
import { type LifecycleStage, STAGE_LABELS } from '../domain';
import { describeDatasetSource } from '../datasets/source';
import { SUB_PROBLEM_STATUS_LABELS, type SubProblemStatus, buildTree, flattenTree } from '../problem/tree';
import {
  CATEGORY_LABELS,
  RISK_STATUS_LABELS,
  type RiskCategory,
  type RiskLevel,
  type RiskStatus,
} from '../risks/scoring';
import {
  KIND_LABELS,
  type MetricKind,
  type MetricStatus,
  type MetricTarget,
  STATUS_LABELS,
  describeTarget,
} from '../success-metrics/status';
import { type ProductionHealth, healthLines, productionSections } from './production';

export const REPORT_SECTIONS = ['problem', 'data', 'methodology', 'results', 'conclusions'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
export const SECTION_TITLES: Record<ReportSection, string> = {
  problem: 'Problem Statement',
  data: 'Data',
  methodology: 'Methodology',
  results: 'Results',
  conclusions: 'Conclusions',
};

export type ReportData = {
  project: { name: string; stage: LifecycleStage; problemStatement: string };
  generatedAt: number;
  iterations: number;
  subProblems: Array<{
    id: string;
    parentId: string | null;
    title: string;
    status: SubProblemStatus;
    ownerName: string | null;
  }>;
  metrics: Array<
    MetricTarget & {
      name: string;
      kind: MetricKind;
      isPrimary: boolean;
      unit: string;
      startValue: number | null;
      current: number | null;
      status: MetricStatus;
      deadline: string;
      ownerName: string | null;
    }
  >;
  success: { success: boolean; primaryCount: number; missing: string[] };
  datasets: Array<{
    name: string;
    digest: string;
    sourceType: string;
    source: string;
    createdAt: number;
    runs: number;
  }>;
  /** The experiments with runs (all, or the one the reader filtered to). */
  experiments: Array<{ name: string; runCount: number }>;
  /** The experiment the methodology is filtered to, or null for all. */
  experimentFilter: string | null;
  production: ProductionHealth;
  approaches: Array<{ approach: string; runs: number }>;
  bestRuns: Array<{
    metricName: string;
    key: string;
    value: number | null;
    runName: string | null;
    runId: string | null;
  }>;
  modelVersions: Array<{
    model: string;
    version: number;
    stage: string;
    metrics: Record<string, number>;
    createdAt: number;
  }>;
  risks: Array<{
    title: string;
    category: RiskCategory;
    likelihood: RiskLevel;
    impact: RiskLevel;
    score: number;
    residual: number;
    status: RiskStatus;
    ownerName: string | null;
    mitigationPlan: string;
    critical: boolean;
    overdue: boolean;
  }>;
  sprint: {
    name: string;
    goal: string;
    endDate: string;
    tasks: number;
    doneTasks: number;
    points: number;
    donePoints: number;
  } | null;
  narratives: Partial<Record<ReportSection, string>>;
};

/**
 * Text from data (names, titles, statements) as inline Markdown: one line, with every character that
 * could start markup, a link, a table cell or raw HTML escaped, so it always reads as plain text.
 */
export function escapeInline(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/^([#+\-=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Plain text that may span paragraphs, escaped line by line. */
const escapeBlock = (text: string) =>
  text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => escapeInline(p))
    .filter(Boolean)
    .join('\n\n');

const num = (v: number | null | undefined) => formatSignificant(v, 6);
// Dates read as everywhere else in Runboard ("3 Dec 2026", UTC); only the file name keeps the ISO day.
const cell = (v: string) => (v === '' ? '—' : v);

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

const orNone = (rows: string[][], render: () => string, none: string) => (rows.length ? render() : `_${none}_`);

function problemSection(d: ReportData): string[] {
  const tree = flattenTree(buildTree(d.subProblems));
  const metricRows = d.metrics.map((m) => [
    `${escapeInline(m.name)}${m.isPrimary ? ' (primary)' : ''}`,
    KIND_LABELS[m.kind],
    escapeInline(describeTarget(m, m.unit)),
    m.direction === 'binary' ? 'no' : num(m.startValue),
    num(m.current),
    STATUS_LABELS[m.status],
    formatDay(m.deadline),
    escapeInline(m.ownerName ?? ''),
  ]);
  return [
    d.project.problemStatement.trim()
      ? escapeBlock(d.project.problemStatement)
      : '_No problem statement has been written._',
    '### Sub-problems',
    tree.length
      ? tree
          .map(
            (n) =>
              `${'  '.repeat(n.depth)}- **${escapeInline(n.title)}** — ${SUB_PROBLEM_STATUS_LABELS[n.status]}${n.ownerName ? ` (${escapeInline(n.ownerName)})` : ''}`,
          )
          .join('\n')
      : '_The problem has not been broken into sub-problems._',
    '### Success metrics',
    orNone(
      metricRows,
      () => table(['Metric', 'Kind', 'Target', 'Start', 'Current', 'Status', 'Deadline', 'Owner'], metricRows),
      'No success metrics are defined.',
    ),
  ];
}

function dataSection(d: ReportData): string[] {
  const rows = d.datasets.map((x) => [
    escapeInline(x.name),
    `\`${x.digest.slice(0, 12)}\``,
    escapeInline(describeDatasetSource(x.sourceType, x.source)),
    formatDate(x.createdAt),
    String(x.runs),
  ]);
  return [
    '### Dataset versions',
    orNone(
      rows,
      () => table(['Dataset', 'Digest', 'Source', 'Registered', 'Runs using it'], rows),
      'No dataset versions are registered.',
    ),
  ];
}

function methodologySection(d: ReportData): string[] {
  const experiments = d.experiments.map((e) => [escapeInline(e.name), String(e.runCount)]);
  const approaches = d.approaches.map((a) => [escapeInline(a.approach), String(a.runs)]);
  return [
    `The project is in the **${STAGE_LABELS[d.project.stage]}** stage of the iterative loop, iteration ${d.iterations}.`,
    d.experimentFilter ? `### Experiments (filtered to ${escapeInline(d.experimentFilter)})` : '### Experiments',
    orNone(experiments, () => table(['Experiment', 'Runs'], experiments), 'No experiment has runs yet.'),
    '### Approaches',
    orNone(approaches, () => table(['Approach', 'Runs'], approaches), 'No runs yet.'),
  ];
}

function resultsSection(d: ReportData): string[] {
  const best = d.bestRuns.map((b) => [
    escapeInline(b.metricName),
    escapeInline(b.key),
    num(b.value),
    b.runName ? `${escapeInline(b.runName)} (\`${b.runId}\`)` : '',
  ]);
  const versions = d.modelVersions.map((v) => [
    escapeInline(v.model),
    String(v.version),
    v.stage,
    escapeInline(
      Object.entries(v.metrics)
        .slice(0, 6)
        .map(([k, x]) => `${k}=${num(x)}`)
        .join(', '),
    ),
    formatDate(v.createdAt),
  ]);
  const s = d.sprint;
  return [
    '### Best runs per primary metric',
    orNone(
      best,
      () => table(['Metric', 'Run metric', 'Best value', 'Run'], best),
      'No primary metric reads a run metric.',
    ),
    '### Model versions',
    orNone(
      versions,
      () => table(['Model', 'Version', 'Stage', 'Metrics at registration', 'Registered'], versions),
      'No model versions are registered.',
    ),
    '### Sprint status',
    s
      ? `Sprint **${escapeInline(s.name)}**${s.goal ? ` (goal: ${escapeInline(s.goal)})` : ''}: ${s.doneTasks} of ${s.tasks} tasks and ${s.donePoints} of ${s.points} points done; it ends ${formatDay(s.endDate)}.`
      : '_No sprint is active._',
    ...productionSections(d.production, escapeInline, table),
  ];
}

function conclusionsSection(d: ReportData): string[] {
  const success = d.success.success
    ? '**Project success: achieved** — every primary success metric meets its target.'
    : d.success.primaryCount === 0
      ? '**Project success: not measurable** — no primary success metric is defined.'
      : `**Project success: not yet** — not achieved: ${d.success.missing.map(escapeInline).join(', ')}.`;
  const rows = d.risks.map((r) => [
    `${escapeInline(r.title)}${r.critical ? ' **(critical)**' : ''}${r.overdue ? ' _(review overdue)_' : ''}`,
    CATEGORY_LABELS[r.category],
    r.likelihood,
    r.impact,
    String(r.score),
    num(r.residual),
    RISK_STATUS_LABELS[r.status],
    escapeInline(r.ownerName ?? ''),
    escapeInline(r.mitigationPlan),
  ]);
  return [
    ...healthLines(d.production.health, escapeInline),
    success,
    '### Risks',
    orNone(
      rows,
      () =>
        table(['Risk', 'Category', 'Likelihood', 'Impact', 'Score', 'Residual', 'Status', 'Owner', 'Mitigation'], rows),
      'The risk register is empty.',
    ),
  ];
}

const BUILDERS: Record<ReportSection, (d: ReportData) => string[]> = {
  problem: problemSection,
  data: dataSection,
  methodology: methodologySection,
  results: resultsSection,
  conclusions: conclusionsSection,
};

/** The whole report: each section's narrative (Markdown written by the team) followed by its live data. */
export function renderReport(d: ReportData): string {
  const parts = [
    `# ${escapeInline(d.project.name)} — ML Project Documentation`,
    `_Generated ${formatTimestamp(d.generatedAt)} from live project data._`,
  ];
  for (const section of REPORT_SECTIONS) {
    parts.push(`## ${SECTION_TITLES[section]}`);
    const narrative = d.narratives[section]?.trim();
    if (narrative) parts.push(narrative);
    parts.push(...BUILDERS[section](d));
  }
  return `${parts.join('\n\n')}\n`;
}

/** A file name for the download: the project's slug and the day. */
export const reportFileName = (slug: string, now: number) => `${slug}-report-${isoDay(now)}.md`;

export type MarkdownBlock = { kind: 'markdown'; text: string } | { kind: 'table'; header: string[]; rows: string[][] };

/** The cells of one pipe-table row; a backslash escapes the next character (an escaped pipe stays in its cell). */
export function splitTableRow(line: string): string[] {
  const body = line.trim().replace(/^\|/, '');
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length) {
      cell += c + body[i + 1];
      i++;
    } else if (c === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  if (cell.trim() !== '') cells.push(cell.trim());
  return cells;
}

const isTableLine = (line: string) => line.trimStart().startsWith('|');
const isDelimiterRow = (line: string) => /^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*(:?-{3,}:?\s*)?$/.test(line);

/**
 * Splits Markdown into pipe tables and everything else, so the preview can draw tables itself and leave the
 * rest (and each cell's inline Markdown) to react-markdown, which reads CommonMark without GFM tables.
 */
export function splitMarkdownBlocks(markdown: string): MarkdownBlock[] {
  const lines = markdown.split('\n');
  const blocks: MarkdownBlock[] = [];
  let text: string[] = [];
  const flush = () => {
    if (text.join('').trim() !== '') blocks.push({ kind: 'markdown', text: text.join('\n') });
    text = [];
  };
  for (let i = 0; i < lines.length;) {
    if (isTableLine(lines[i]!) && i + 1 < lines.length && isDelimiterRow(lines[i + 1]!)) {
      flush();
      const header = splitTableRow(lines[i]!);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && isTableLine(lines[i]!)) rows.push(splitTableRow(lines[i++]!));
      blocks.push({ kind: 'table', header, rows });
    } else text.push(lines[i++]!);
  }
  flush();
  return blocks;
}
