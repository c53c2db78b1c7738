import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { stringify } from 'yaml';
import { toCsv } from '@/lib/csv';
import { confusion } from './classifier-scores';
import { DEMO_SPLIT } from './features';
import { LABEL_DEFINITION, type RunOutcome, type RunSpec } from './demo-plan';
import { renderRocPng, rocCurve } from './roc';

// The files a demo run logs as artifacts, all computed from its real fit: an MLflow model folder (MLmodel,
// the learned parameters, an input example), evaluation on the validation days (confusion matrix, ROC curve),
// feature importance, a model card and the training log.

export type ArtifactFile = { path: string; bytes: Buffer; contentType: string };

export const MODEL_DIR = 'model';
/** The custom MLflow flavor the demo's TypeScript models are saved with. */
export const DEMO_FLAVOR = 'runboard_demo';
const OUTPUT_COLUMN = 'rain_tomorrow_probability';
const THRESHOLD = 0.5;
const EXAMPLE_ROWS = 5;
/** The pyfunc loader shipped in each model folder (under code/), so MLflow's Python client can load and predict. */
export const PYFUNC_MODULE = 'runboard_demo_model';
const PYTHON_VERSION = '3.11';
const pyfuncLoader = () => fs.readFileSync(new URL(`./${PYFUNC_MODULE}.py`, import.meta.url));

const LIBRARY = {
  'logistic-regression': 'ml-logistic-regression@2',
  'random-forest': 'ml-random-forest@2',
} as const;

/** MLflow's utc_time_created: Python's str(datetime), `YYYY-MM-DD HH:MM:SS.ffffff`. */
const pythonUtc = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '000');

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
const fixed = (x: number, digits = 4) => Number(x.toFixed(digits));

export type FeatureImportance = { feature: string; importance: number; coefficient?: number; featureStd: number };

/**
 * Logistic regression: |coefficient| on the standardized input, i.e. |raw coefficient| × the feature's training
 * std (the change in log-odds for a one-std move). Random forest: the library's mean impurity decrease.
 * Sorted most important first.
 */
export function featureImportance(outcome: RunOutcome): FeatureImportance[] {
  const { parameters, standardizer, featureNames } = outcome.model;
  const rows = featureNames.map((feature, j) =>
    parameters.kind === 'logistic-regression'
      ? {
          feature,
          importance: Math.abs(parameters.coefficients[j]!),
          coefficient: parameters.coefficients[j]!,
          featureStd: standardizer.std[j]!,
        }
      : { feature, importance: parameters.featureImportance[j]!, featureStd: standardizer.std[j]! },
  );
  return rows.sort((a, b) => b.importance - a.importance);
}

/** Everything the run logs, paths relative to its artifact root; `startedAt` opens the training log, `createdAt` stamps the MLmodel. */
export function demoRunArtifacts(
  spec: RunSpec,
  outcome: RunOutcome,
  run: { runId: string; startedAt: number; createdAt: number },
): { files: ArtifactFile[]; mlmodel: Record<string, unknown> } {
  const { parameters, standardizer, featureNames } = outcome.model;
  const v = outcome.validation;
  const predicted = v.probabilities.map((p) => (p >= THRESHOLD ? 1 : 0));
  const cm = confusion(v.labels, predicted);
  const roc = rocCurve(v.labels, v.probabilities);
  const importance = featureImportance(outcome);
  const library = LIBRARY[parameters.kind];

  const modelJson = {
    format: `${DEMO_FLAVOR}/1`,
    kind: parameters.kind,
    library,
    features: featureNames,
    output: `${OUTPUT_COLUMN}: P(${LABEL_DEFINITION})`,
    threshold: THRESHOLD,
    // Inputs are raw feature values; the model standardizes them with the training rows' mean and std first.
    standardizer,
    parameters,
  };
  const example = { columns: featureNames, data: v.features.slice(0, EXAMPLE_ROWS) };
  const modelFiles: ArtifactFile[] = [
    // Compact: a forest's trees run to megabytes once indented.
    { path: 'model.json', bytes: Buffer.from(JSON.stringify(modelJson)), contentType: 'application/json' },
    { path: 'input_example.json', bytes: json(example), contentType: 'application/json' },
    { path: `code/${PYFUNC_MODULE}.py`, bytes: pyfuncLoader(), contentType: 'text/x-python' },
    // The loader is pure Python: MLflow itself is the only requirement.
    { path: 'requirements.txt', bytes: Buffer.from('mlflow\n'), contentType: 'text/plain' },
    {
      path: 'python_env.yaml',
      bytes: Buffer.from(
        stringify({ python: PYTHON_VERSION, build_dependencies: ['pip'], dependencies: ['-r requirements.txt'] }),
      ),
      contentType: 'text/yaml',
    },
    {
      path: 'conda.yaml',
      bytes: Buffer.from(
        stringify({
          channels: ['conda-forge'],
          dependencies: [`python=${PYTHON_VERSION}`, 'pip', { pip: ['mlflow'] }],
          name: 'mlflow-env',
        }),
      ),
      contentType: 'text/yaml',
    },
  ];
  const mlmodel = {
    artifact_path: MODEL_DIR,
    flavors: {
      python_function: {
        loader_module: PYFUNC_MODULE,
        code: 'code',
        data: 'model.json',
        env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' },
        python_version: PYTHON_VERSION,
      },
      [DEMO_FLAVOR]: {
        model_file: 'model.json',
        model_kind: parameters.kind,
        library,
        runtime: 'node',
        code: 'scripts/demo/ml/models.ts',
        predict:
          spec.model.kind === 'random-forest'
            ? `(rain votes of the ${spec.model.nEstimators} trees on standardize(x) + 1) / ${spec.model.nEstimators + 2}`
            : 'sigmoid(intercept + coefficients · standardize(x))',
      },
    },
    model_size_bytes: modelFiles.reduce((n, f) => n + f.bytes.length, 0),
    model_uuid: randomUUID().replace(/-/g, ''),
    run_id: run.runId,
    saved_input_example_info: { artifact_path: 'input_example.json', type: 'dataframe', pandas_orient: 'split' },
    // MLflow keeps each schema as a JSON string inside the YAML.
    signature: {
      inputs: JSON.stringify(featureNames.map((name) => ({ type: 'double', name, required: true }))),
      outputs: JSON.stringify([{ type: 'double', name: OUTPUT_COLUMN, required: true }]),
      params: null,
    },
    utc_time_created: pythonUtc(run.createdAt),
  };

  const labels = ['no_rain', 'rain'];
  const confusionJson = {
    labels,
    rows: 'actual',
    columns: 'predicted',
    threshold: THRESHOLD,
    period: `validation days after ${DEMO_SPLIT.trainEnd} (${v.dates[0]} to ${v.dates.at(-1)})`,
    matrix: [
      [cm.tn, cm.fp],
      [cm.fn, cm.tp],
    ],
  };
  const confusionCsv = toCsv(
    ['actual \\ predicted', ...labels],
    [
      ['no_rain', cm.tn, cm.fp],
      ['rain', cm.fn, cm.tp],
    ],
  );
  const importanceCsv =
    parameters.kind === 'logistic-regression'
      ? toCsv(
          ['rank', 'feature', 'importance', 'coefficient', 'feature_std'],
          importance.map((r, i) => [
            i + 1,
            r.feature,
            fixed(r.importance, 6),
            fixed(r.coefficient!, 6),
            fixed(r.featureStd, 6),
          ]),
        )
      : toCsv(
          ['rank', 'feature', 'importance', 'feature_std'],
          importance.map((r, i) => [i + 1, r.feature, fixed(r.importance, 6), fixed(r.featureStd, 6)]),
        );
  const operating = { fpr: cm.fp / (cm.fp + cm.tn), tpr: cm.tp / (cm.tp + cm.fn) };
  const png = renderRocPng(roc.points, operating);

  return {
    mlmodel,
    files: [
      {
        path: `${MODEL_DIR}/MLmodel`,
        bytes: Buffer.from(stringify(mlmodel, { lineWidth: 0 })),
        contentType: 'text/yaml',
      },
      ...modelFiles.map((f) => ({ ...f, path: `${MODEL_DIR}/${f.path}` })),
      { path: 'confusion_matrix.json', bytes: json(confusionJson), contentType: 'application/json' },
      { path: 'confusion_matrix.csv', bytes: Buffer.from(confusionCsv), contentType: 'text/csv' },
      { path: 'feature_importance.csv', bytes: Buffer.from(importanceCsv), contentType: 'text/csv' },
      { path: 'plots/roc_curve.png', bytes: png, contentType: 'image/png' },
      {
        path: 'README.md',
        bytes: Buffer.from(modelCard(spec, outcome, { cm, auc: roc.auc, importance, operating })),
        contentType: 'text/markdown',
      },
      { path: 'train.log', bytes: Buffer.from(trainLog(spec, outcome, run.startedAt)), contentType: 'text/plain' },
    ],
  };
}

const three = (x: number) => x.toFixed(3);

function modelCard(
  spec: RunSpec,
  outcome: RunOutcome,
  e: {
    cm: ReturnType<typeof confusion>;
    auc: number;
    importance: FeatureImportance[];
    operating: { fpr: number; tpr: number };
  },
): string {
  const v = outcome.valid;
  const t = outcome.train;
  const how =
    outcome.model.parameters.kind === 'logistic-regression'
      ? 'importance is |coefficient| on the standardized feature (|raw coefficient| × the feature’s training std)'
      : 'importance is the mean impurity decrease over the trees, normalized to sum to 1';
  return [
    `# ${spec.name}`,
    '',
    `Forecasts ${LABEL_DEFINITION}, in Seattle, from one day's weather readings.`,
    '',
    `- **Model**: ${spec.model.kind} (${LIBRARY[outcome.model.parameters.kind]}), trained in TypeScript; ${spec.note}`,
    `- **Approach**: ${spec.approach}; feature set \`${spec.featureSet}\`; class balance: ${spec.balance}; seed ${spec.seed}.`,
    `- **Data**: NOAA daily weather for Seattle (vega-datasets). ${outcome.rows.train} training rows up to ${DEMO_SPLIT.trainEnd}, ${outcome.rows.valid} validation rows after it, never shuffled.`,
    `- **Inputs**: ${outcome.model.featureNames.map((f) => `\`${f}\``).join(', ')} (raw values; the model standardizes them).`,
    `- **Output**: \`${OUTPUT_COLUMN}\`; rain is predicted at ≥ ${THRESHOLD}.`,
    '',
    '## Validation',
    '',
    '| Metric | Validation | Training |',
    '| --- | --- | --- |',
    `| Accuracy | ${three(v.accuracy)} | ${three(t.accuracy)} |`,
    `| Precision | ${three(v.precision)} | ${three(t.precision)} |`,
    `| Recall | ${three(v.recall)} | ${three(t.recall)} |`,
    `| F1 | ${three(v.f1)} | ${three(t.f1)} |`,
    `| Log loss | ${three(v.logLoss)} | ${three(t.logLoss)} |`,
    '',
    `ROC AUC on the validation days: **${three(e.auc)}**. At the ${THRESHOLD} threshold the model flags ${three(e.operating.tpr)} of rainy days (true positive rate) at a false positive rate of ${three(e.operating.fpr)} (the orange square in the plot).`,
    '',
    '![ROC curve on the validation days](plots/roc_curve.png)',
    '',
    '| Actual \\ predicted | no rain | rain |',
    '| --- | --- | --- |',
    `| no rain | ${e.cm.tn} | ${e.cm.fp} |`,
    `| rain | ${e.cm.fn} | ${e.cm.tp} |`,
    '',
    '## Features',
    '',
    `Most important first; ${how}. The full table is \`feature_importance.csv\`.`,
    '',
    ...e.importance.slice(0, 5).map((r, i) => `${i + 1}. \`${r.feature}\` — ${r.importance.toFixed(4)}`),
    '',
    '## Files',
    '',
    `- \`${MODEL_DIR}/\`: the MLflow model — \`MLmodel\`, \`model.json\` (the learned parameters and the input scaling), \`input_example.json\` (the first ${EXAMPLE_ROWS} validation rows).`,
    '- `confusion_matrix.json` / `.csv`, `feature_importance.csv`, `plots/roc_curve.png`, `train.log`.',
    '',
    '## Limits',
    '',
    '- One city and four years of history; seasons repeat, but 2014–2015 may not look like the years the model serves.',
    '- "Rain" is any measurable precipitation, drizzle included.',
    '',
  ].join('\n');
}

const stamp = (ms: number) => new Date(ms).toISOString();

function trainLog(spec: RunSpec, outcome: RunOutcome, startedAt: number): string {
  const lines = [
    `${stamp(startedAt)} INFO run "${spec.name}" (${spec.approach}), seed ${spec.seed}`,
    `${stamp(startedAt)} INFO features [${spec.featureSet}]: ${outcome.model.featureNames.join(', ')}`,
    `${stamp(startedAt)} INFO ${outcome.rows.train} training rows up to ${DEMO_SPLIT.trainEnd} (balance: ${spec.balance}), ${outcome.rows.valid} validation rows`,
    `${stamp(startedAt)} INFO model ${JSON.stringify(spec.model)}`,
  ];
  for (const p of outcome.curve) {
    const values = Object.entries(p.values)
      .map(([k, x]) => `${k}=${x.toFixed(4)}`)
      .join(' ');
    lines.push(`${stamp(p.timestamp)} INFO step ${p.step}: ${values}`);
  }
  const end = outcome.curve.at(-1)?.timestamp ?? startedAt;
  const v = outcome.valid;
  lines.push(
    `${stamp(end)} INFO validation: accuracy=${v.accuracy.toFixed(4)} precision=${v.precision.toFixed(4)} recall=${v.recall.toFixed(4)} f1=${v.f1.toFixed(4)} log_loss=${v.logLoss.toFixed(4)}`,
    `${stamp(end)} INFO training: accuracy=${outcome.train.accuracy.toFixed(4)} log_loss=${outcome.train.logLoss.toFixed(4)}`,
  );
  return `${lines.join('\n')}\n`;
}
