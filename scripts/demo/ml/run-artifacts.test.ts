import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Matrix } from 'ml-matrix';
import { RandomForestClassifier } from 'ml-random-forest';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { confusion, threshold } from './classifier-scores';
import { demoPlan, runDemoTraining } from './demo-plan';
import { standardize } from './features';
import { rocCurve } from './roc';
import { DEMO_FLAVOR, PYFUNC_MODULE, demoRunArtifacts } from './run-artifacts';
import { parseWeatherCsv } from './weather';

const days = parseWeatherCsv(
  fs.readFileSync(path.join(process.cwd(), 'node_modules/vega-datasets/data/seattle-weather.csv'), 'utf8'),
);
const clock = () => 1_700_000_000_000;
const plan = demoPlan();
const logreg = plan.find((s) => s.model.kind === 'logistic-regression' && s.featureSet === 'history')!;
const forest = plan.find((s) => s.model.kind === 'random-forest')!;

type Spec = typeof logreg;
const trained = new Map<Spec, ReturnType<typeof build>>();
function build(spec: Spec) {
  const outcome = runDemoTraining(spec, days, clock);
  const { files, mlmodel } = demoRunArtifacts(spec, outcome, {
    runId: 'run-1',
    startedAt: clock(),
    createdAt: Date.UTC(2026, 11, 3, 10),
  });
  const byPath = new Map(files.map((f) => [f.path, f]));
  const text = (p: string) => byPath.get(p)!.bytes.toString('utf8');
  return { outcome, files, mlmodel, byPath, text };
}
// Training is the slow part: each model is fitted once for all the tests.
beforeAll(() => {
  for (const spec of [logreg, forest]) trained.set(spec, build(spec));
}, 120_000);
const artifactsOf = (spec: Spec) => trained.get(spec)!;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('rocCurve', () => {
  it('runs from (0,0) to (1,1), moves tied scores together, and its AUC is the share of correctly ordered pairs', () => {
    const labels = [1, 0, 1, 0, 1, 0];
    const scores = [0.9, 0.8, 0.7, 0.7, 0.2, 0.1];
    const { points, auc } = rocCurve(labels, scores);
    expect(points[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(points.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    expect(points).toHaveLength(6); // start + 5 distinct scores
    // Pairs (positive, negative): 9, of which 5.5 ordered right (the 0.7 tie counts half).
    expect(auc).toBeCloseTo(5.5 / 9, 12);
    expect(() => rocCurve([1, 1], [0.2, 0.3])).toThrow(/both classes/);
  });
});

describe('demoRunArtifacts', () => {
  it('writes an MLmodel that parses as MLflow’s: flavor, run, time, signature as JSON column specs, input example', () => {
    const { text, outcome, mlmodel } = artifactsOf(logreg);
    const model = parse(text('model/MLmodel')) as Record<string, unknown>;
    expect(model).toEqual(mlmodel);
    expect(model).toMatchObject({
      artifact_path: 'model',
      run_id: 'run-1',
      utc_time_created: '2026-12-03 10:00:00.000000',
      saved_input_example_info: { artifact_path: 'input_example.json', type: 'dataframe', pandas_orient: 'split' },
      flavors: { [DEMO_FLAVOR]: { model_file: 'model.json', model_kind: 'logistic-regression' } },
    });
    const signature = model.signature as { inputs: string; outputs: string };
    expect(JSON.parse(signature.inputs)).toEqual(
      outcome.model.featureNames.map((name) => ({ type: 'double', name, required: true })),
    );
    expect(JSON.parse(signature.outputs)).toEqual([
      { type: 'double', name: 'rain_tomorrow_probability', required: true },
    ]);
    const example = JSON.parse(text('model/input_example.json'));
    expect(example.columns).toEqual(outcome.model.featureNames);
    expect(example.data).toEqual(outcome.validation.features.slice(0, 5));
  });

  it('saves the learned logistic weights: standardize, dot, sigmoid reproduces the run’s validation probabilities', () => {
    const { text, outcome } = artifactsOf(logreg);
    const saved = JSON.parse(text('model/model.json'));
    expect(saved.parameters.coefficients).toHaveLength(outcome.model.featureNames.length);
    const X = standardize(outcome.validation.features, saved.standardizer);
    const p = X.map((row) =>
      sigmoid(saved.parameters.intercept + row.reduce((s, x, j) => s + x * saved.parameters.coefficients[j], 0)),
    );
    p.forEach((value, i) => expect(value).toBeCloseTo(outcome.validation.probabilities[i]!, 10));
  });

  it('saves a forest that RandomForestClassifier.load rebuilds with the same votes', () => {
    const { text, outcome } = artifactsOf(forest);
    const saved = JSON.parse(text('model/model.json'));
    const rebuilt = RandomForestClassifier.load(saved.parameters.forest);
    const X = standardize(outcome.validation.features, saved.standardizer);
    const n = forest.model.kind === 'random-forest' ? forest.model.nEstimators : 0;
    const votes = rebuilt.predictionValues(new Matrix(X));
    const p = Array.from({ length: votes.rows }, (_, i) => {
      let ones = 0;
      for (let k = 0; k < votes.columns; k++) ones += votes.get(i, k) === 1 ? 1 : 0;
      return (ones + 1) / (n + 2);
    });
    expect(p).toEqual(outcome.validation.probabilities);
  });

  // What mlflow.pyfunc.load_model does with the folder: put code/ on sys.path, import the loader module, call
  // _load_pyfunc(<model>/model.json), then predict. MLflow itself is not needed for that, only Python 3.
  it.each([
    ['logistic regression', () => logreg],
    ['random forest', () => forest],
  ])('ships a pyfunc loader that predicts what the %s predicts, from the saved files alone', (_, spec) => {
    const { byPath, outcome, mlmodel } = artifactsOf(spec());
    const pyfunc = (mlmodel.flavors as Record<string, Record<string, string>>).python_function!;
    expect(pyfunc).toMatchObject({ loader_module: PYFUNC_MODULE, code: 'code', data: 'model.json' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-pyfunc-'));
    try {
      for (const f of byPath.values()) {
        if (!f.path.startsWith('model/')) continue;
        fs.mkdirSync(path.join(dir, path.dirname(f.path)), { recursive: true });
        fs.writeFileSync(path.join(dir, f.path), f.bytes);
      }
      const model = path.join(dir, 'model');
      const script = [
        'import json, sys',
        `sys.path.insert(0, ${JSON.stringify(path.join(model, pyfunc.code!))})`,
        `import ${pyfunc.loader_module} as loader`,
        `m = loader._load_pyfunc(${JSON.stringify(path.join(model, pyfunc.data!))})`,
        'print(json.dumps(m.predict(json.load(sys.stdin))))',
      ].join('\n');
      const out = execFileSync('python3', ['-c', script], { input: JSON.stringify(outcome.validation.features) });
      const p = JSON.parse(out.toString()) as number[];
      expect(p).toHaveLength(outcome.rows.valid);
      p.forEach((value, i) => expect(value).toBeCloseTo(outcome.validation.probabilities[i]!, 10));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts the confusion matrix from the validation predictions, in JSON and CSV', () => {
    const { text, outcome } = artifactsOf(logreg);
    const c = confusion(outcome.validation.labels, threshold(outcome.validation.probabilities));
    const cm = JSON.parse(text('confusion_matrix.json'));
    expect(cm.matrix).toEqual([
      [c.tn, c.fp],
      [c.fn, c.tp],
    ]);
    expect(c.tn + c.fp + c.fn + c.tp).toBe(outcome.rows.valid);
    expect((c.tp + c.tn) / outcome.rows.valid).toBeCloseTo(outcome.valid.accuracy, 12);
    expect(text('confusion_matrix.csv')).toBe(
      `actual \\ predicted,no_rain,rain\r\nno_rain,${c.tn},${c.fp}\r\nrain,${c.fn},${c.tp}\r\n`,
    );
  });

  it('ranks features by |coefficient| on the standardized scale (logistic) or impurity decrease (forest)', () => {
    const lr = artifactsOf(logreg);
    const rows = lr.text('feature_importance.csv').trim().split('\r\n');
    expect(rows[0]).toBe('rank,feature,importance,coefficient,feature_std');
    const parsed = rows.slice(1).map((r) => r.split(','));
    expect(parsed).toHaveLength(lr.outcome.model.featureNames.length);
    const importance = parsed.map((r) => Number(r[2]));
    expect(importance).toEqual([...importance].sort((a, b) => b - a));
    const params = lr.outcome.model.parameters;
    if (params.kind !== 'logistic-regression') throw new Error('expected a logistic regression');
    const top = params.coefficients.map(Math.abs).reduce((best, x, j, all) => (x > all[best]! ? j : best), 0);
    expect(parsed[0]![1]).toBe(lr.outcome.model.featureNames[top]);

    const rf = artifactsOf(forest);
    const forestRows = rf.text('feature_importance.csv').trim().split('\r\n').slice(1);
    const total = forestRows.reduce((s, r) => s + Number(r.split(',')[2]), 0);
    expect(total).toBeCloseTo(1, 4);
  });

  it('draws the ROC curve into a real PNG, and the model card and training log report the real numbers', () => {
    const { byPath, text, outcome } = artifactsOf(logreg);
    const png = PNG.sync.read(byPath.get('plots/roc_curve.png')!.bytes);
    expect([png.width, png.height]).toEqual([420, 400]);
    // The curve's blue is drawn, and the bottom-left to top-right corners hold the axes.
    let blue = 0;
    for (let i = 0; i < png.data.length; i += 4)
      if (png.data[i] === 37 && png.data[i + 1] === 99 && png.data[i + 2] === 235) blue++;
    expect(blue).toBeGreaterThan(500);
    const auc = rocCurve(outcome.validation.labels, outcome.validation.probabilities).auc;
    expect(auc).toBeGreaterThan(0.6);
    const card = text('README.md');
    expect(card).toContain(`# ${logreg.name}`);
    expect(card).toContain(`ROC AUC on the validation days: **${auc.toFixed(3)}**`);
    expect(card).toContain(`| Accuracy | ${outcome.valid.accuracy.toFixed(3)} |`);
    expect(card).toContain('![ROC curve on the validation days](plots/roc_curve.png)');
    const log = text('train.log').trim().split('\n');
    expect(log.filter((l) => / INFO step \d+: /.test(l))).toHaveLength(outcome.curve.length);
    expect(log.at(-2)).toContain(`accuracy=${outcome.valid.accuracy.toFixed(4)}`);
  });
});
