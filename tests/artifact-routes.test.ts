// The UI's artifact routes (run files and model version files) on both stores: who may read, which paths
// are refused, the headers that keep user files from running on Runboard's origin, and zips that unzip
// (with yauzl, an independent reader) to the bytes that were logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { setArtifactStore } from '@/server/artifacts/store';
import type { RouteHandler } from '@/server/api';
import { type OpenStore, STORE_KINDS, openArtifactStore } from './helpers/artifact-stores';
import { type MlflowApp, newExperiment, newRun, openMlflowApp } from './helpers/mlflow';
import { logArtifacts, runArtifactRoot, sklearnModelFiles } from './helpers/mlflow-artifacts';
import { newModel } from './helpers/mlflow-registry';
import { signInCookie } from './helpers/sessions';
import { listCommonArtifactPaths } from '@/server/artifacts/common-paths';
import { loadModelFiles } from '@/server/artifacts/model-files';
import * as runList from '@/app/api/projects/[project]/runs/[runId]/artifacts/route';
import * as runFile from '@/app/api/projects/[project]/runs/[runId]/artifacts/file/route';
import * as runZip from '@/app/api/projects/[project]/runs/[runId]/artifacts/zip/route';
import * as versionList from '@/app/api/projects/[project]/models/[name]/versions/[version]/artifacts/route';
import * as versionZip from '@/app/api/projects/[project]/models/[name]/versions/[version]/artifacts/zip/route';

let m: MlflowApp;
const cookies: Record<'viewer' | 'outsider', string> = { viewer: '', outsider: '' };
beforeAll(async () => {
  m = await openMlflowApp();
  cookies.viewer = await signInCookie(m.db, 'viewer@mlflow.test', 'long-enough-pw');
  cookies.outsider = await signInCookie(m.db, 'outsider@mlflow.test', 'long-enough-pw');
});
afterAll(async () => {
  setArtifactStore(null);
  await m?.cleanup();
});

type Reply = { status: number; headers: Headers; bytes: Buffer; json: Record<string, unknown> };

async function call(
  handler: RouteHandler,
  params: Record<string, string>,
  query: Record<string, string>,
  cookie: string | null = cookies.viewer,
): Promise<Reply> {
  const url = new URL('http://localhost/api/projects/x');
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await handler(new Request(url, { headers: cookie ? { cookie } : {} }), {
    params: Promise.resolve({ project: 'tracking', ...params }),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch {}
  return { status: res.status, headers: res.headers, bytes, json };
}

function unzip(bytes: Buffer): Promise<Record<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const out: Record<string, Buffer> = {};
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out[entry.fileName] = Buffer.concat(chunks);
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>');
const HTML = Buffer.from('<html><body><script>fetch("/api/steal")</script></body></html>');

describe.each(STORE_KINDS)('on the %s store', (kind) => {
  let opened: OpenStore;
  let runId: string;
  const tree = {
    'plot.png': PNG,
    'evil.svg': SVG,
    'page.html': HTML,
    'train.log': Buffer.from('epoch 1 loss 0.9\nepoch 2 loss 0.5\n'),
    'reports/metrics.json': Buffer.from('{"auc": 0.91}'),
    'reports/deep/table.csv': Buffer.from('a,b\n1,2\n'),
    'bytes.bin': Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256)),
  };
  beforeAll(async () => {
    opened = await openArtifactStore(kind);
    setArtifactStore(opened.store);
    runId = await newRun(m, { experiment_id: await newExperiment(m, `artifact-routes-${kind}`) });
    await logArtifacts(m, await runArtifactRoot(m, runId), tree);
  });
  afterAll(() => opened?.cleanup());

  it('lists a folder for a viewer with paths from the root and sizes', async () => {
    const root = await call(runList.GET, { runId }, {});
    expect(root.status).toBe(200);
    expect(root.json.files).toEqual([
      { path: 'bytes.bin', name: 'bytes.bin', isDir: false, size: 3000 },
      { path: 'evil.svg', name: 'evil.svg', isDir: false, size: SVG.length },
      { path: 'page.html', name: 'page.html', isDir: false, size: HTML.length },
      { path: 'plot.png', name: 'plot.png', isDir: false, size: PNG.length },
      { path: 'reports', name: 'reports', isDir: true, size: null },
      { path: 'train.log', name: 'train.log', isDir: false, size: tree['train.log'].length },
    ]);
    const sub = await call(runList.GET, { runId }, { path: 'reports' });
    expect(sub.json.files).toEqual([
      { path: 'reports/deep', name: 'deep', isDir: true, size: null },
      { path: 'reports/metrics.json', name: 'metrics.json', isDir: false, size: 13 },
    ]);
    expect((await call(runList.GET, { runId }, { path: 'nope' })).status).toBe(404);
  });

  it('answers a non-member as for a missing project, and an anonymous caller with 401', async () => {
    for (const handler of [runList.GET, runFile.GET, runZip.GET]) {
      const outsider = await call(handler, { runId }, { path: 'train.log' }, cookies.outsider);
      expect(outsider.status).toBe(404);
      expect(outsider.json.message).toBe('Project not found.');
      expect((await call(handler, { runId }, { path: 'train.log' }, null)).status).toBe(401);
    }
    expect((await call(runFile.GET, { runId: 'f'.repeat(32) }, { path: 'train.log' })).status).toBe(404);
  });

  it.each(['..', '../other-run/artifacts/x', 'reports/../../x', '%2e%2e/x', 'reports//x', 'a\\b', 'reports/./x'])(
    'refuses the path %j with a 400 naming path',
    async (path) => {
      for (const handler of [runList.GET, runFile.GET, runZip.GET]) {
        const res = await call(handler, { runId }, { path });
        expect(res.status).toBe(400);
        expect(res.json.message).toMatch(/'path'/);
      }
    },
  );

  it('serves SVG and HTML as sandboxed attachments that the browser may not sniff', async () => {
    for (const [path, bytes] of [
      ['evil.svg', SVG],
      ['page.html', HTML],
      ['reports/deep/table.csv', tree['reports/deep/table.csv']],
    ] as const) {
      const res = await call(runFile.GET, { runId }, { path });
      expect(res.status).toBe(200);
      expect(res.bytes).toEqual(bytes);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
      expect(res.headers.get('content-type')).not.toMatch(/svg|html/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    }
  });

  it('serves a raster image inline (for <img>), and as an attachment when downloaded', async () => {
    const shown = await call(runFile.GET, { runId }, { path: 'plot.png' });
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(shown.headers.get('content-disposition')).toMatch(/^inline; filename="plot.png"/);
    expect(shown.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(shown.bytes).toEqual(PNG);
    const downloaded = await call(runFile.GET, { runId }, { path: 'plot.png', download: '1' });
    expect(downloaded.headers.get('content-disposition')).toMatch(/^attachment; filename="plot.png"/);
    expect((await call(runFile.GET, { runId }, { path: 'reports' })).status).toBe(404);
  });

  it('zips the whole run and a folder, each entry with the logged bytes', async () => {
    const all = await call(runZip.GET, { runId }, {});
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe('application/zip');
    expect(all.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.zip"$/);
    expect(await unzip(all.bytes)).toEqual(tree);
    const folder = await call(runZip.GET, { runId }, { path: 'reports' });
    expect(await unzip(folder.bytes)).toEqual({
      'metrics.json': tree['reports/metrics.json'],
      'deep/table.csv': tree['reports/deep/table.csv'],
    });
    expect((await call(runZip.GET, { runId }, { path: 'missing' })).status).toBe(404);
  });

  it('reads a model version’s files from its runs:/ source, and zips the model folder', async () => {
    const modelRun = await newRun(m, { experiment_id: await newExperiment(m, `artifact-model-${kind}`) });
    const { tree: modelTree } = sklearnModelFiles(modelRun);
    await logArtifacts(m, await runArtifactRoot(m, modelRun), modelTree, 'model');
    const name = `files-${kind}`;
    await newModel(m, name);
    const created = await m.post('model-versions/create', {
      name,
      source: `runs:/${modelRun}/model`,
      run_id: modelRun,
    });
    expect(created.status, created.text).toBe(200);
    const params = { name, version: (created.json.model_version as { version: string }).version };
    const listed = await call(versionList.GET, params, {});
    expect((listed.json.files as { path: string }[]).map((f) => f.path)).toEqual(Object.keys(modelTree).sort());
    expect(await unzip((await call(versionZip.GET, params, {})).bytes)).toEqual(modelTree);
    expect((await call(versionList.GET, params, { path: '../../x' })).status).toBe(400);
    expect((await call(versionList.GET, params, {}, cookies.outsider)).status).toBe(404);
  });

  it('reads what a model version page shows from MLmodel, and nothing for a source outside the store', async () => {
    const modelRun = await newRun(m, { experiment_id: await newExperiment(m, `model-page-${kind}`) });
    const mlmodel = [
      'flavors:',
      '  sklearn:',
      '    sklearn_version: 1.5.1',
      'saved_input_example_info:',
      '  artifact_path: input_example.json',
      '  type: dataframe',
      'signature:',
      `  inputs: '[{"type": "double", "name": "x", "required": true}]'`,
      `  outputs: '[{"type": "long", "name": "y", "required": true}]'`,
      '',
    ].join('\n');
    await logArtifacts(
      m,
      await runArtifactRoot(m, modelRun),
      { MLmodel: Buffer.from(mlmodel), 'input_example.json': Buffer.from('{"columns":["x"],"data":[[1.5]]}') },
      'model',
    );
    const files = await loadModelFiles(m.db, m.project, `runs:/${modelRun}/model`);
    expect(files).toMatchObject({
      state: 'ok',
      files: [{ path: 'MLmodel' }, { path: 'input_example.json' }],
      mlmodel: {
        flavors: [{ name: 'sklearn', details: [['sklearn_version', '1.5.1']] }],
        signature: { inputs: [{ name: 'x', type: 'double' }], outputs: [{ name: 'y', type: 'long' }] },
      },
      example: { path: 'input_example.json', text: '{"columns":["x"],"data":[[1.5]]}', truncated: false },
    });
    expect(await loadModelFiles(m.db, m.project, 's3://another-bucket/model')).toMatchObject({
      state: 'ok',
      files: [],
    });
    // A source pointing into another project's folder is never read on this project's behalf.
    expect(await loadModelFiles(m.db, m.project, 'mlflow-artifacts:/elsewhere/1/r/artifacts')).toMatchObject({
      files: [],
    });
  });

  it('finds the artifact paths every compared run has', async () => {
    const exp = await newExperiment(m, `compare-${kind}`);
    const [a, b] = [await newRun(m, { experiment_id: exp }), await newRun(m, { experiment_id: exp })];
    await logArtifacts(m, await runArtifactRoot(m, a), {
      'cm.png': PNG,
      'only-a.txt': Buffer.from('a'),
      'd/x.csv': Buffer.from('1'),
    });
    await logArtifacts(m, await runArtifactRoot(m, b), { 'cm.png': PNG, 'd/x.csv': Buffer.from('2') });
    const uri = async (id: string) => ({ artifactUri: `mlflow-artifacts:/${await runArtifactRoot(m, id)}` });
    expect(await listCommonArtifactPaths('tracking', [await uri(a), await uri(b)])).toEqual(['cm.png', 'd/x.csv']);
  });
});
