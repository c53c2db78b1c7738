// The address the per-address sign-in limit counts comes from the TCP connection, not from anything the client sends;
// idle connections outlive a pooling client's pauses.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PEER_ADDRESS_HEADER, clientIp } from '@/lib/sign-in-limit';
import { KEEP_ALIVE_MS, instrumentHttpServer } from '@/server/http-server';

let server: http.Server;
let url: string;

beforeAll(async () => {
  instrumentHttpServer();
  server = http.createServer((req, res) => {
    const headers = new Headers(Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)]));
    res.end(JSON.stringify({ peer: req.headers[PEER_ADDRESS_HEADER], counted: clientIp(headers, 0) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

it('stamps the socket’s address on every request, overwriting whatever the client put in its place', async () => {
  const res = await fetch(url, {
    headers: { 'x-forwarded-for': '203.0.113.9', [PEER_ADDRESS_HEADER]: '203.0.113.10' },
  });
  expect(await res.json()).toEqual({ peer: '127.0.0.1', counted: '127.0.0.1' });
});

it('keeps an idle connection open longer than Node’s 5 s and the 60 s of common proxies', async () => {
  const fresh = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => fresh.listen(0, '127.0.0.1', resolve));
  expect(fresh.keepAliveTimeout).toBe(5_000);
  await (await fetch(`http://127.0.0.1:${(fresh.address() as AddressInfo).port}/`)).text();
  expect(fresh.keepAliveTimeout).toBe(KEEP_ALIVE_MS);
  expect(KEEP_ALIVE_MS).toBeGreaterThan(60_000);
  fresh.closeAllConnections();
  await new Promise((resolve) => fresh.close(resolve));
});
