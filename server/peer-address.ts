import http from 'node:http';
import { PEER_ADDRESS_HEADER } from '@/lib/sign-in-limit';

const globalForPeer = globalThis as unknown as { runboardPeerAddress?: true };

/**
 * Writes each request's TCP peer address into a header the app can read with headers(). `next start` keeps the
 * socket to itself and only copies its address into X-Forwarded-For when the client sent none, so without this a
 * client chooses the address it is counted under. Any value the client sent in the header is overwritten.
 */
export function stampPeerAddress(): void {
  if (globalForPeer.runboardPeerAddress) return;
  globalForPeer.runboardPeerAddress = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? '';
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
