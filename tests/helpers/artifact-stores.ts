// The two artifact stores every artifact test runs on: a folder on disk, and a real S3-protocol server
// (s3rver) started on loopback and reached through the AWS SDK exactly as a production bucket would be.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { LocalArtifactStore } from '@/server/artifacts/local-store';
import { S3ArtifactStore } from '@/server/artifacts/s3-store';
import type { ArtifactStore } from '@/server/artifacts/store';

export const STORE_KINDS = ['local', 's3'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export type OpenStore = { store: ArtifactStore; dir: string; cleanup: () => Promise<void> };

type ListResult = { objects: { key: string }[]; commonPrefixes: string[]; isTruncated: boolean };
type ListingStore = { listObjects(bucket: string, options: Record<string, unknown>): Promise<ListResult> };

/**
 * s3rver 3.7 prunes every folder below a common prefix while listing with a delimiter, so a "folder" that
 * holds only folders (a run whose artifacts are just `model/…`) is missing from its parent's listing, which
 * S3 itself does list. The test server lists everything and folds keys into common prefixes instead.
 */
function fixDelimiterListing(server: S3rver) {
  const store = (server as unknown as { store: ListingStore }).store;
  const listAll = store.listObjects.bind(store);
  store.listObjects = async (bucket, options) => {
    const delimiter = typeof options.delimiter === 'string' ? options.delimiter : '';
    if (!delimiter) return listAll(bucket, options);
    const prefix = typeof options.prefix === 'string' ? options.prefix : '';
    const all = await listAll(bucket, { ...options, delimiter: '', maxKeys: Infinity });
    const commonPrefixes = new Set<string>();
    const objects = all.objects.filter((o) => {
      const idx = o.key.slice(prefix.length).indexOf(delimiter);
      if (idx >= 0) commonPrefixes.add(o.key.slice(0, prefix.length + idx + 1));
      return idx < 0;
    });
    return { objects, commonPrefixes: [...commonPrefixes].sort(), isTruncated: false };
  };
}

export async function openArtifactStore(kind: StoreKind): Promise<OpenStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `runboard-artifacts-${kind}-`));
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  if (kind === 'local') {
    return { store: new LocalArtifactStore(dir), dir, cleanup: async () => removeDir() };
  }
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: 'runboard-test', configs: [] }],
  });
  fixDelimiterListing(server);
  const { port } = await server.run();
  const store = new S3ArtifactStore({
    bucket: 'runboard-test',
    prefix: 'team/artifacts',
    env: {
      AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_REGION: 'us-east-1',
    },
  });
  return {
    store,
    dir,
    cleanup: async () => {
      store.client.destroy();
      await server.close();
      removeDir();
    },
  };
}
