import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Receiver = {
  url: string;
  port: number;
  requests: { method: string; path: string; body: string }[];
  close: () => Promise<void>;
};

/** An HTTP server on 127.0.0.1 that records what it is sent; the tests' only webhook receiver (loopback only). */
export async function startReceiver(
  answer: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => res.end('ok'),
): Promise<Receiver> {
  const requests: Receiver['requests'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', body });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
