import type { Readable } from 'node:stream';

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
