// Reading a Server-Sent Events response in tests.

/** Reads SSE frames from a response until `until` matches one or the time runs out. */
export async function readFrames(
  res: Response,
  until: (frame: string) => boolean,
  timeoutMs = 3000,
): Promise<string[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const frames: string[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now())),
      ]);
      if (!chunk || chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        frames.push(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (until(frames.at(-1)!)) return frames;
      }
    }
    return frames;
  } finally {
    reader.releaseLock();
  }
}

/** True once the stream ends within `timeoutMs` (remaining frames are drained). */
export async function endsWithin(res: Response, timeoutMs: number): Promise<boolean> {
  const reader = res.body!.getReader();
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now())),
      ]);
      if (chunk?.done) return true;
    }
    return false;
  } finally {
    reader.releaseLock();
  }
}
