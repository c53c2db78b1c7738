import http from 'node:http';
import { PEER_ADDRESS_HEADER } from '@/lib/sign-in-limit';

/**
 * Idle keep-alive connections stay open this long. Node closes them after 5 s, and a pooled client (a proxy, an
 * SDK, Playwright's request context) whose next request crosses that close on the wire gets ECONNRESET. Longer than
 * the 60 s idle timeout common proxies and load balancers use, so their side closes first.
 */
export const KEEP_ALIVE_MS = 65_000;

const globalForServer = globalThis as unknown as { runboardHttpServer?: true };

/**
 * `next start` creates its HTTP server before the app loads and offers no hook for it, so the app adjusts it from
 * its first request on:
 * - Writes each request's TCP peer address into a header the app can read with headers(). `next start` keeps the
 *   socket to itself and only copies its address into X-Forwarded-For when the client sent none, so without this a
 *   client chooses the address it is counted under. Any value the client sent in the header is overwritten.
 * - Keeps idle connections open for KEEP_ALIVE_MS.
 */
export function instrumentHttpServer(): void {
  if (globalForServer.runboardHttpServer) return;
  globalForServer.runboardHttpServer = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? '';
      if (this.keepAliveTimeout !== KEEP_ALIVE_MS) this.keepAliveTimeout = KEEP_ALIVE_MS;
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
