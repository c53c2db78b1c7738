import fs from 'node:fs';
import { type APIRequestContext, expect, test } from '@playwright/test';
import yauzl from 'yauzl';
import { createToken, mlflow } from './api';
import { createProject, unique } from './fixtures';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const MLMODEL = `artifact_path: model
flavors:
  sklearn:
    pickled_model: model.pkl
    sklearn_version: 1.5.1
saved_input_example_info:
  artifact_path: input_example.json
  type: dataframe
  pandas_orient: split
signature:
  inputs: '[{"type": "double", "name": "petal_width", "required": true}]'
  outputs: '[{"type": "long", "name": "species", "required": true}]'
`;
const FILES: Record<string, Buffer> = {
  'plot.png': PNG,
  'train.log': Buffer.from('epoch 1 loss 0.91\nepoch 2 loss 0.42\n'),
  'metrics.json': Buffer.from('{"auc":0.93,"classes":["setosa","virginica"]}'),
  'predictions.csv': Buffer.from('id,label,score\n1,setosa,0.97\n2,virginica,0.88\n'),
  'README.md': Buffer.from('# Model card\n\nTrained on **iris**.\n\n<script>window.pwned = true</script>\n'),
  'model/MLmodel': Buffer.from(MLMODEL),
  'model/input_example.json': Buffer.from('{"columns":["petal_width"],"data":[[0.2],[1.8]]}'),
  'reports/summary.txt': Buffer.from('all good\n'),
  'reports/deep/more.txt': Buffer.from('deeper\n'),
};

/** log_artifact for each file: one PUT to the artifact proxy under the run's artifact URI, as the MLflow client does. */
async function logFiles(request: APIRequestContext, token: string, artifactUri: string) {
  const root = artifactUri.replace(/^mlflow-artifacts:\/+/, '');
  for (const [path, body] of Object.entries(FILES)) {
    const res = await request.put(`/api/2.0/mlflow-artifacts/artifacts/${root}/${path}`, {
      headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      data: body,
    });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  }
}

function unzip(bytes: Buffer): Promise<Record<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const out: Record<string, Buffer> = {};
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out[entry.fileName] = Buffer.concat(chunks);
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

test('artifacts logged through the MLflow API can be browsed, previewed and downloaded', async ({ page, request }) => {
  const slug = unique('artifacts');
  await createProject(page, { name: 'Artifacts e2e', slug });
  const token = await createToken(page, slug, 'trainer');
  const api = mlflow(request, token);
  const experimentId = await api.defaultExperimentId();
  const { run } = await api.post('runs/create', {
    experiment_id: experimentId,
    run_name: 'with-files',
    start_time: Date.now(),
  });
  const runId: string = run.info.run_id;
  await logFiles(request, token, run.info.artifact_uri);

  await page.goto(`/${slug}/runs/${runId}?tab=overview`);
  await page.getByRole('link', { name: /at the top level/ }).click();
  await expect(page).toHaveURL(/#artifacts$/);
  const artifacts = page.getByRole('region', { name: 'Artifacts' });
  const tree = artifacts.getByRole('navigation', { name: 'Artifact files' });

  // An image loads through the file route.
  await tree.getByRole('button', { name: /^plot\.png/ }).click();
  const img = artifacts.getByRole('img', { name: 'plot.png' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  await expect(page).toHaveURL(/[?&]artifact=plot\.png/);

  // A log as text.
  await tree.getByRole('button', { name: /^train\.log/ }).click();
  await expect(artifacts.getByRole('group', { name: 'Contents of train.log' })).toContainText('epoch 2 loss 0.42');

  // JSON pretty-printed.
  await tree.getByRole('button', { name: /^metrics\.json/ }).click();
  await expect(artifacts.getByRole('group', { name: 'Contents of metrics.json' })).toContainText('"auc": 0.93');

  // CSV as a table.
  await tree.getByRole('button', { name: /^predictions\.csv/ }).click();
  const table = artifacts.getByRole('group', { name: 'Table predictions.csv' });
  await expect(table.getByRole('columnheader', { name: 'score' })).toBeVisible();
  await expect(table.getByRole('cell', { name: 'virginica' })).toBeVisible();

  // Markdown rendered, its raw HTML dropped.
  await tree.getByRole('button', { name: /^README\.md/ }).click();
  await expect(artifacts.getByRole('heading', { name: 'Model card' })).toBeVisible();
  await expect(artifacts.getByRole('article', { name: 'Markdown README.md' })).not.toContainText('script');
  expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();

  // A folder opens lazily; MLmodel shows as YAML text.
  await tree.getByRole('button', { name: 'model/' }).click();
  await tree.getByRole('button', { name: /^MLmodel/ }).click();
  await expect(artifacts.getByRole('group', { name: 'Contents of model/MLmodel' })).toContainText(
    'sklearn_version: 1.5.1',
  );

  // Download one file: the bytes logged.
  await tree.getByRole('button', { name: /^predictions\.csv/ }).click();
  const [fileDownload] = await Promise.all([
    page.waitForEvent('download'),
    artifacts.getByRole('link', { name: 'Download', exact: true }).click(),
  ]);
  expect(fileDownload.suggestedFilename()).toBe('predictions.csv');
  expect(fs.readFileSync((await fileDownload.path())!)).toEqual(FILES['predictions.csv']);

  // Download a folder (nested) as a zip.
  await tree.getByRole('button', { name: 'reports/' }).click();
  await expect(tree.getByRole('button', { name: 'deep/' })).toBeVisible();
  const [zipDownload] = await Promise.all([
    page.waitForEvent('download'),
    tree.getByRole('link', { name: 'Download folder reports as zip' }).click(),
  ]);
  expect(zipDownload.suggestedFilename()).toMatch(/reports\.zip$/);
  expect(await unzip(fs.readFileSync((await zipDownload.path())!))).toEqual({
    'summary.txt': FILES['reports/summary.txt'],
    'deep/more.txt': FILES['reports/deep/more.txt'],
  });

  // A shared link opens the same file with its folder expanded.
  await page.goto(`/${slug}/runs/${runId}?artifact=reports/deep/more.txt`);
  await expect(
    page.getByRole('region', { name: 'Artifacts' }).getByRole('group', { name: 'Contents of reports/deep/more.txt' }),
  ).toContainText('deeper');

  // Registered from the run, the model's page shows its signature and files.
  await api.post('registered-models/create', { name: `${slug}-model` });
  await api.post('model-versions/create', { name: `${slug}-model`, source: `runs:/${runId}/model`, run_id: runId });
  await page.goto(`/${slug}/models/${slug}-model/versions/1`);
  const files = page.getByRole('region', { name: 'Model files' });
  await expect(files.getByText('sklearn', { exact: true })).toBeVisible();
  await expect(
    files.getByRole('group', { name: 'Signature inputs' }).getByRole('cell', { name: 'petal_width' }),
  ).toBeVisible();
  await expect(files.getByRole('group', { name: 'Input example' }).getByRole('cell', { name: '1.8' })).toBeVisible();
});

test('a run without artifacts says how to log them', async ({ page, request }) => {
  const slug = unique('no-artifacts');
  await createProject(page, { name: 'No artifacts e2e', slug });
  const api = mlflow(request, await createToken(page, slug));
  const { run } = await api.post('runs/create', {
    experiment_id: await api.defaultExperimentId(),
    start_time: Date.now(),
  });
  await page.goto(`/${slug}/runs/${run.info.run_id}?tab=artifacts`);
  const artifacts = page.getByRole('region', { name: 'Artifacts' });
  await expect(artifacts.getByText('No artifacts logged for this run')).toBeVisible();
  await expect(artifacts.getByRole('group', { name: 'Example of logging artifacts' })).toContainText(
    'mlflow.log_artifact("plot.png")',
  );
  await page.getByRole('navigation', { name: 'Page tabs' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('region', { name: 'Models produced' })).toContainText('No model from this run yet');
});

test('the run page links the MLflow 3 logged model and the registered version it came to be', async ({
  page,
  request,
}) => {
  const slug = unique('logged-model');
  await createProject(page, { name: 'Logged model e2e', slug });
  const token = await createToken(page, slug);
  const api = mlflow(request, token);
  const experimentId = await api.defaultExperimentId();
  const { run } = await api.post('runs/create', { experiment_id: experimentId, start_time: Date.now() });
  const runId: string = run.info.run_id;
  // What mlflow.sklearn.log_model(name="classifier", registered_model_name=…) sends in MLflow 3.
  const { model } = await api.post('logged-models', {
    experiment_id: experimentId,
    name: 'classifier',
    source_run_id: runId,
  });
  const modelId: string = model.info.model_id;
  await api.post('runs/outputs', { run_id: runId, models: [{ model_id: modelId, step: 0 }] });
  const root = model.info.artifact_uri.replace(/^mlflow-artifacts:\/+/, '');
  const put = await request.put(`/api/2.0/mlflow-artifacts/artifacts/${root}/MLmodel`, {
    headers: { Authorization: `Bearer ${token}` },
    data: Buffer.from(MLMODEL),
  });
  expect(put.status()).toBe(200);
  const finalized = await request.patch(`/api/2.0/mlflow/logged-models/${modelId}`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { model_id: modelId, status: 'LOGGED_MODEL_READY' },
  });
  expect(finalized.status(), await finalized.text()).toBe(200);
  const name = `${slug}-clf`;
  await api.post('registered-models/create', { name });
  await api.post('model-versions/create', { name, source: `models:/${modelId}`, run_id: runId, model_id: modelId });

  await page.goto(`/${slug}/runs/${runId}?tab=overview`);
  const models = page.getByRole('region', { name: 'Models produced' });
  const logged = models.getByRole('list', { name: 'Logged models from this run' });
  await expect(logged).toContainText('classifier');
  await expect(logged).toContainText(`models:/${modelId}`);
  await expect(logged).toContainText('ready');
  await expect(models.getByRole('list', { name: 'Registered versions from this run' })).toContainText('None');
  await logged.getByRole('link', { name: `${name} version 1` }).click();
  await expect(page).toHaveURL(new RegExp(`/models/${name}/versions/1$`));
  // The version's files come from the logged model's own folder.
  await expect(page.getByRole('region', { name: 'Model files' }).getByText('sklearn', { exact: true })).toBeVisible();
});

test('compare shows a file both runs logged side by side; settings counts the project’s artifact bytes', async ({
  page,
  request,
}) => {
  const slug = unique('artifact-compare');
  await createProject(page, { name: 'Artifact compare e2e', slug });
  const token = await createToken(page, slug);
  const api = mlflow(request, token);
  const experimentId = await api.defaultExperimentId();
  const runs: string[] = [];
  for (const name of ['left', 'right']) {
    const { run } = await api.post('runs/create', {
      experiment_id: experimentId,
      run_name: name,
      start_time: Date.now(),
    });
    await logFiles(request, token, run.info.artifact_uri);
    runs.push(run.info.run_id);
  }
  await page.goto(`/${slug}/compare?runs=${runs.join(',')}`);
  const section = page.getByRole('region', { name: 'Artifacts' });
  await section.getByLabel('Artifact').selectOption('plot.png');
  for (const name of ['left', 'right']) {
    const img = section.getByRole('region', { name: `plot.png of ${name}` }).getByRole('img', { name: 'plot.png' });
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  }
  await section.getByLabel('Artifact').selectOption('predictions.csv');
  await expect(section.getByRole('cell', { name: 'virginica' })).toHaveCount(2);

  const total = Object.values(FILES).reduce((n, b) => n + b.length, 0) * 2;
  await page.goto(`/${slug}/settings`);
  await expect(page.getByRole('region', { name: 'Storage and backups' })).toContainText(
    `${(total / 1024).toFixed(1)} KB`,
  );
});
