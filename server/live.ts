import { type DbHandle, getDbHandle } from '@/db/client';
import { LIVE_CHANNEL, type LiveEvent, isAccessEvent, parseLiveEvent } from '@/db/queries/live-events';
import { describeErrorForLog } from '@/lib/log-error';
import { ApiError } from './api';

type Listener = (event: LiveEvent) => void;

export type LiveHub = {
  /** Calls `listener` for every committed change in the project, from any app instance; returns the unsubscribe. */
  subscribe: (projectId: string, listener: Listener) => Promise<() => void>;
  close: () => Promise<void>;
};

/**
 * One LISTEN per process, fanned out to every open stream of the matching project. Nothing is kept in
 * memory but the open streams: the events themselves travel through Postgres, so instances behind a
 * load balancer see each other's changes.
 */
export function createLiveHub(handle: Pick<DbHandle, 'listen'>): LiveHub {
  const byProject = new Map<string, Set<Listener>>();
  let listening: Promise<() => Promise<void>> | null = null;

  const dispatch = (payload: string) => {
    const event = parseLiveEvent(payload);
    if (!event?.projectId) return;
    for (const listener of byProject.get(event.projectId) ?? []) {
      try {
        listener(event);
      } catch (err) {
        console.error('live listener failed', describeErrorForLog(err));
      }
    }
  };

  return {
    async subscribe(projectId, listener) {
      listening ??= handle.listen(LIVE_CHANNEL, dispatch).catch((err: unknown) => {
        listening = null;
        throw err;
      });
      await listening;
      const set = byProject.get(projectId) ?? new Set<Listener>();
      set.add(listener);
      byProject.set(projectId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0 && byProject.get(projectId) === set) byProject.delete(projectId);
      };
    },
    async close() {
      const pending = listening;
      listening = null;
      byProject.clear();
      if (pending) await (await pending)();
    },
  };
}

const globalForLive = globalThis as unknown as { runboardLiveHub?: { handle: DbHandle; hub: LiveHub } };

/** The process's hub, on the process's shared database handle. */
export async function getLiveHub(): Promise<LiveHub> {
  const handle = await getDbHandle();
  if (globalForLive.runboardLiveHub?.handle !== handle)
    globalForLive.runboardLiveHub = { handle, hub: createLiveHub(handle) };
  return globalForLive.runboardLiveHub.hub;
}

export const HEARTBEAT_MS = 15_000;
// Streams end after a while anyway; EventSource reconnects on its own, and the reconnect is authorised afresh.
export const MAX_STREAM_MS = 10 * 60_000;
/** Open streams one user or token may hold on one instance: a tab needs one; more only ties up connections. */
export const MAX_STREAMS_PER_CALLER = 8;

/**
 * Whose stream it is: a token's (revoking it ends the stream) or a signed-in session's (no tokenId; signing out
 * ends it); the user's removal from the project ends either at once.
 */
export type StreamOwner = { userId: string; tokenId?: string };

const openStreams =
  (globalThis as unknown as { runboardOpenStreams?: Map<string, number> }).runboardOpenStreams ??
  new Map<string, number>();
(globalThis as unknown as { runboardOpenStreams?: Map<string, number> }).runboardOpenStreams = openStreams;

const concerns = (event: LiveEvent, owner: StreamOwner) =>
  (event.entity === 'token' && event.id === owner.tokenId) ||
  (event.entity === 'member' && event.id === owner.userId) ||
  (event.entity === 'session' && !owner.tokenId && event.id === owner.userId);

/** Counts a stream against its caller's cap, or refuses it with 429; returns the release. */
function claimStream(owner: StreamOwner, max: number): () => void {
  const key = owner.tokenId ? `token:${owner.tokenId}` : `user:${owner.userId}`;
  const open = openStreams.get(key) ?? 0;
  if (open >= max) {
    throw new ApiError(
      429,
      'TOO_MANY_STREAMS',
      `You already have ${open} live-update streams open on this server (the limit is ${max}); close some tabs or stop other clients, then retry.`,
    );
  }
  openStreams.set(key, open + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (openStreams.get(key) ?? 1) - 1;
    if (left > 0) openStreams.set(key, left);
    else openStreams.delete(key);
  };
}

export function acceptsEventStream(req: Request): boolean {
  return (req.headers.get('accept') ?? '').includes('text/event-stream');
}

/**
 * A Server-Sent Events response relaying one project's changes until the client leaves (`req.signal` aborts), its
 * token is revoked or its user removed from the project, or it reaches its maximum lifetime. Throws a 429 ApiError
 * when the owner already holds `maxPerCaller` open streams on this instance.
 */
export function liveEventResponse(
  hub: LiveHub,
  projectId: string,
  req: Request,
  owner: StreamOwner,
  opts: { heartbeatMs?: number; maxMs?: number; maxPerCaller?: number } = {},
): Response {
  const release = claimStream(owner, opts.maxPerCaller ?? MAX_STREAMS_PER_CALLER);
  const encoder = new TextEncoder();
  const signal = req.signal;
  // Undici's Request.signal stops following the client's abort once the Request is garbage-collected,
  // so the open stream holds the request; null means the stream has ended.
  let open: Request | null = req;
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let unsubscribe: (() => void) | null = null;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const heartbeat = setInterval(() => send(`: heartbeat\n\n`), opts.heartbeatMs ?? HEARTBEAT_MS);
      const lifetime = setTimeout(() => stop(), opts.maxMs ?? MAX_STREAM_MS);
      stop = () => {
        if (!open) return;
        open = null;
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        signal.removeEventListener('abort', stop);
        release();
        unsubscribe?.();
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      signal.addEventListener('abort', stop);
      if (signal.aborted) return stop();
      send('retry: 2000\n\n');
      try {
        unsubscribe = await hub.subscribe(projectId, (event) => {
          if (!isAccessEvent(event)) send(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
          // The reconnect EventSource then makes is authorised afresh: refused if access is gone.
          else if (concerns(event, owner)) stop();
        });
      } catch (err) {
        console.error('live stream could not subscribe', describeErrorForLog(err));
        return stop();
      }
      if (!open) return unsubscribe();
      // Tells the client it is connected: it refetches once, covering anything missed while reconnecting.
      send('event: ready\ndata: {}\n\n');
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      // no-transform keeps compression proxies (and Next's own gzip) from buffering the stream.
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}
