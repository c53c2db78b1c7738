import { Readable } from 'node:stream';

/**
 * A web ReadableStream over a Node stream, chunk for chunk, for a Response body. Readable.toWeb queues by chunk
 * count and adds promise bookkeeping per chunk; this pauses the source once ~2 MiB wait and resumes on pull.
 */
export function toWebStream(source: Readable): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        source.on('data', (chunk: Buffer) => {
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) source.pause();
        });
        source.once('end', () => {
          if (!done) controller.close();
          done = true;
        });
        source.once('error', (err) => {
          if (!done) controller.error(err);
          done = true;
        });
      },
      pull() {
        source.resume();
      },
      cancel(reason) {
        done = true;
        source.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 2 * 1024 * 1024 }),
  );
}

const BATCH = 1024 * 1024;

/**
 * A request body as a Node stream of ~1 MiB buffers. Uploads arrive in 64 KiB socket reads; handed on one by one,
 * each paid the web-to-Node hop, the size limit and a file write, which halved the proxy's upload rate.
 */
export function fromWebBody(body: ReadableStream<Uint8Array> | null): Readable {
  async function* batches() {
    if (!body) return;
    const reader = body.getReader();
    let batch: Uint8Array[] = [];
    let size = 0;
    let done = false;
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        batch.push(read.value);
        size += read.value.length;
        if (size >= BATCH) {
          yield batch.length === 1 ? batch[0]! : Buffer.concat(batch, size);
          batch = [];
          size = 0;
        }
      }
      done = true;
      if (size) yield Buffer.concat(batch, size);
    } finally {
      // Stopped early (over the size limit, or the store failed): the rest of the request is not wanted.
      if (!done) await reader.cancel().catch(() => {});
    }
  }
  return Readable.from(batches(), { objectMode: false });
}
