// The artifact store contract, on local disk and on an S3-protocol server: what the proxy and the UI rely on.
import { Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWebBody, toWebStream } from '@/server/artifacts/web-stream';
import { ApiError } from '@/server/api';
import { type OpenStore, STORE_KINDS, openArtifactStore } from './helpers/artifact-stores';

const bytes = (s: string) => Readable.from([Buffer.from(s)]);

describe.each(STORE_KINDS)('artifact store on %s', (kind) => {
  let opened: OpenStore;
  beforeAll(async () => {
    opened = await openArtifactStore(kind);
  });
  afterAll(() => opened?.cleanup());

  it('writes a file, reads it back as a stream, and stats it', async () => {
    const { store } = opened;
    expect(await store.put('p/1/r/artifacts/notes.txt', bytes('hello artifacts'), 1000)).toEqual({ size: 15 });
    const file = await store.get('p/1/r/artifacts/notes.txt');
    expect(file?.size).toBe(15);
    expect(await text(file!.stream)).toBe('hello artifacts');
    expect(await store.stat('p/1/r/artifacts/notes.txt')).toEqual({ isDir: false, size: 15 });
    expect(await store.stat('p/1/r/artifacts')).toEqual({ isDir: true, size: 0 });
    expect(await store.stat('p/1/r/artifacts/missing.txt')).toBeNull();
    expect(await store.get('p/1/r/artifacts')).toBeNull();
  });

  it('lists immediate children only, folders without a size, sorted by name', async () => {
    const { store } = opened;
    await store.put('p/2/r/artifacts/model/MLmodel', bytes('flavors: {}'), 1000);
    await store.put('p/2/r/artifacts/model/data/model.pkl', bytes('0123456789'), 1000);
    await store.put('p/2/r/artifacts/a.json', bytes('{}'), 1000);
    expect(await store.list('p/2/r/artifacts')).toEqual([
      { path: 'a.json', isDir: false, size: 2 },
      { path: 'model', isDir: true },
    ]);
    expect(await store.list('p/2/r/artifacts/model')).toEqual([
      { path: 'MLmodel', isDir: false, size: 11 },
      { path: 'data', isDir: true },
    ]);
    expect(await store.list('p/2/r/nothing-here')).toEqual([]);
    expect(await store.totalBytes('p/2')).toBe(23);
  });

  it('replaces a file written twice', async () => {
    const { store } = opened;
    await store.put('p/3/f.txt', bytes('first version'), 1000);
    await store.put('p/3/f.txt', bytes('v2'), 1000);
    expect(await text((await store.get('p/3/f.txt'))!.stream)).toBe('v2');
  });

  it('refuses a file beyond the limit with a 413 and keeps nothing of it', async () => {
    const { store } = opened;
    const big = Readable.from(Array.from({ length: 8 }, () => Buffer.alloc(64 * 1024, 1)));
    const err = await store.put('p/4/big.bin', big, 100_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(413);
    expect(await store.stat('p/4/big.bin')).toBeNull();
    expect(await store.list('p/4')).toEqual([]);
  });

  it('serves a file of several MiB as a web stream byte for byte; a cancelled download closes the store stream', async () => {
    const { store } = opened;
    const big = Buffer.alloc(5 * 1024 * 1024 + 123);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) % 251;
    await store.put('p/7/r/artifacts/big.bin', Readable.from([big]), Infinity);
    const file = await store.get('p/7/r/artifacts/big.bin');
    expect(Buffer.from(await new Response(toWebStream(file!.stream)).arrayBuffer()).equals(big)).toBe(true);

    const again = await store.get('p/7/r/artifacts/big.bin');
    const reader = toWebStream(again!.stream).getReader();
    expect((await reader.read()).value?.length).toBeGreaterThan(0);
    await reader.cancel();
    expect(again!.stream.destroyed).toBe(true);
  });

  it('stores an upload arriving as many small web-stream chunks byte for byte, and an absent body as an empty file', async () => {
    const { store } = opened;
    const big = Buffer.alloc(3 * 1024 * 1024 + 77);
    for (let i = 0; i < big.length; i++) big[i] = (i * 13) % 253;
    const pieces = Readable.toWeb(
      Readable.from(Array.from({ length: 49 }, (_, i) => big.subarray(i * 65536, (i + 1) * 65536))),
    );
    expect(
      await store.put('p/8/r/artifacts/up.bin', fromWebBody(pieces as ReadableStream<Uint8Array>), Infinity),
    ).toEqual({
      size: big.length,
    });
    expect((await buffer((await store.get('p/8/r/artifacts/up.bin'))!.stream)).equals(big)).toBe(true);
    expect(await store.put('p/8/r/artifacts/empty.bin', fromWebBody(null), 10)).toEqual({ size: 0 });
    expect(await store.stat('p/8/r/artifacts/empty.bin')).toEqual({ isDir: false, size: 0 });
  });

  it('deletes a file or a whole folder, and nothing beside it', async () => {
    const { store } = opened;
    await store.put('p/5/r1/artifacts/x.txt', bytes('x'), 1000);
    await store.put('p/5/r1/artifacts/sub/y.txt', bytes('y'), 1000);
    await store.put('p/5/r10/artifacts/z.txt', bytes('z'), 1000);
    await store.deletePrefix('p/5/r1/artifacts/x.txt');
    expect(await store.stat('p/5/r1/artifacts/x.txt')).toBeNull();
    expect(await store.stat('p/5/r1/artifacts/sub/y.txt')).not.toBeNull();
    await store.deletePrefix('p/5/r1');
    expect(await store.list('p/5')).toEqual([{ path: 'r10', isDir: true }]);
  });
});

it("a store stream's failure reaches the web stream's reader", async () => {
  const failing = new Readable({
    read() {
      this.destroy(new Error('disk gone'));
    },
  });
  await expect(toWebStream(failing).getReader().read()).rejects.toThrow('disk gone');
});
