import { csvLine } from '@/lib/csv';

/**
 * A CSV download streamed chunk by chunk, so exporting 10,000 runs or a million metric points never
 * holds them all in memory. The first chunk is read before answering: a bad request still gets a
 * proper error status instead of a broken download.
 */
export async function csvStreamResponse(
  filename: string,
  header: string[],
  chunks: AsyncIterable<unknown[][]>,
): Promise<Response> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let pending: IteratorResult<unknown[][]> | null = await iterator.next();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(header)));
    },
    async pull(controller) {
      const next = pending ?? (await iterator.next());
      pending = null;
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(csvLine).join('')));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  const safe = filename.replace(/[^\w.-]+/g, '_');
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${safe}"`,
      'cache-control': 'no-store',
    },
  });
}
