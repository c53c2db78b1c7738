// The outbound policy end to end. Every request here goes to 127.0.0.1 or is refused before any connection is
// opened, and host names come from an injected resolver: the tests send nothing beyond loopback, not even DNS.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getMonitoringSettings } from '@/db/queries/monitoring';
import { createProject } from '@/db/queries/projects';
import { createUser } from '@/db/queries/users';
import { parseAllowList } from '@/lib/security/outbound-address';
import type { ActionResult } from '@/server/action';
import { type Resolve, postJsonOutbound } from '@/server/outbound';
import { openAppTestDb } from './helpers/app-db';
import { actAs } from './helpers/next-request';
import { type Receiver, startReceiver } from './helpers/receiver';
import { signInCookie } from './helpers/sessions';

vi.mock('next/headers', async () => (await import('./helpers/next-request')).nextHeadersModule);
vi.mock('next/cache', async () => (await import('./helpers/next-request')).nextCacheModule);

const monitoring = await import('@/app/(app)/[project]/monitoring/actions');

const none = parseAllowList('');
const noDns: Resolve = async (host) => {
  throw new Error(`the test asked DNS for ${host}`);
};
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterAll(async () => {
  await receiver.close();
  vi.restoreAllMocks();
});

describe('postJsonOutbound', () => {
  it('refuses loopback, private, link-local, metadata and disguised addresses before connecting', async () => {
    const port = receiver.port;
    const urls = [
      `http://127.0.0.1:${port}/hook`,
      `http://2130706433:${port}/hook`,
      `http://0x7f.1:${port}/hook`,
      `http://017700000001:${port}/hook`,
      `http://127.1:${port}/hook`,
      `http://0:${port}/hook`,
      `http://[::1]:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`,
      `http://[::127.0.0.1]:${port}/hook`,
      `http://[64:ff9b::7f00:1]:${port}/hook`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:169.254.169.254]/latest/meta-data/',
      'http://[fd00:ec2::254]/latest/meta-data/',
      'http://100.100.100.200/latest/meta-data/',
      'http://10.0.0.5/hook',
      'http://192.168.1.1/hook',
      'http://172.16.0.1/hook',
      'http://[fe80::1]/hook',
      'http://224.0.0.1/hook',
      'http://255.255.255.255/hook',
    ];
    for (const url of urls)
      expect(await postJsonOutbound(url, { x: 1 }, { allow: none, resolve: noDns }), url).toBe('refused by policy');
    expect(receiver.requests).toEqual([]);
  });

  it('refuses a name when any of its addresses is private', async () => {
    const resolve: Resolve = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    expect(await postJsonOutbound(`http://hooks.mixed.test:${receiver.port}/`, {}, { allow: none, resolve })).toBe(
      'refused by policy',
    );
    expect(receiver.requests).toEqual([]);
  });

  it('delivers to a private host the operator allowed, by address or by name', async () => {
    expect(await postJsonOutbound(receiver.url, { n: 1 }, { allow: parseAllowList('10.0.0.5, 127.0.0.1') })).toBe(
      'delivered',
    );
    const resolve: Resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const byName = `http://chat.internal:${receiver.port}/hook`;
    expect(await postJsonOutbound(byName, { n: 2 }, { allow: parseAllowList('chat.internal'), resolve })).toBe(
      'delivered',
    );
    expect(receiver.requests.splice(0).map((r) => [r.method, r.path, JSON.parse(r.body)])).toEqual([
      ['POST', '/hook', { n: 1 }],
      ['POST', '/hook', { n: 2 }],
    ]);
  });

  it('connects to the address it checked, so a second DNS answer cannot rebind the name', async () => {
    let calls = 0;
    // The first answer is the allowed address; any later answer points elsewhere (a rebinding DNS server).
    const rebinding: Resolve = async () => [{ address: calls++ === 0 ? '127.0.0.1' : '127.0.0.2', family: 4 }];
    const url = `http://hooks.rebind.test:${receiver.port}/hook`;
    const options = { allow: parseAllowList('127.0.0.1'), resolve: rebinding };
    expect(await postJsonOutbound(url, { pinned: true }, options)).toBe('delivered');
    expect(calls).toBe(1);
    expect(receiver.requests.splice(0).map((r) => JSON.parse(r.body))).toEqual([{ pinned: true }]);
    // and the next delivery checks again: the name now resolves to an address nobody allowed
    expect(await postJsonOutbound(url, { pinned: false }, options)).toBe('refused by policy');
    expect(receiver.requests).toEqual([]);
  });

  it('follows no redirect, gives up on a silent receiver, and never reads the answer body', async () => {
    const allow = parseAllowList('127.0.0.1');
    const redirect = await startReceiver((_req, res) => {
      res.writeHead(302, { location: receiver.url }).end();
    });
    const silent = await startReceiver(() => {});
    const endless = await startReceiver((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const tick = setInterval(() => res.write('x'.repeat(65_536)), 5);
      res.on('close', () => clearInterval(tick));
    });
    try {
      expect(await postJsonOutbound(redirect.url, {}, { allow })).toBe('failed');
      expect(receiver.requests).toEqual([]);
      expect(await postJsonOutbound(silent.url, {}, { allow, totalTimeoutMs: 200 })).toBe('failed');
      expect(await postJsonOutbound(endless.url, {}, { allow, totalTimeoutMs: 2000 })).toBe('delivered');
    } finally {
      await Promise.all([redirect.close(), silent.close(), endless.close()]);
    }
  });
});

describe('saving a webhook', () => {
  const slug = 'outbound';
  let app: Awaited<ReturnType<typeof openAppTestDb>>;
  let cookie: string;
  let projectId: string;
  const save = async (url: string, version: number) => {
    actAs(cookie);
    try {
      return (await monitoring.saveWebhookAction(null, { project: slug, url, version })) as ActionResult;
    } finally {
      actAs(null);
    }
  };
  beforeAll(async () => {
    app = await openAppTestDb();
    const owner = await createUser(app.handle.db, null, { email: 'o@out.test', name: 'O', password: 'password-123' });
    projectId = (await createProject(app.handle.db, owner, { slug, name: 'Outbound', problemStatement: '' })).id;
    cookie = await signInCookie(app.handle.db, owner.email, 'password-123');
  });
  afterAll(() => app.cleanup());

  it('refuses internal addresses with an error on the URL field, and saves nothing', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://2130706433/hook',
      'http://[::ffff:7f00:1]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.5/hook',
    ]) {
      const result = await save(url, 0);
      expect(result.ok, url).toBe(false);
      if (!result.ok) expect(result.fieldErrors?.url?.[0]).toMatch(/only to public addresses/);
    }
    expect((await getMonitoringSettings(app.handle.db, projectId)).webhookUrl).toBeNull();
  });

  it('saves a private host the operator allowed', async () => {
    vi.stubEnv('RUNBOARD_OUTBOUND_ALLOW_HOSTS', 'chat.internal, 127.0.0.1');
    try {
      expect((await save(receiver.url, 0)).ok).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
    expect((await getMonitoringSettings(app.handle.db, projectId)).webhookUrl).toBe(receiver.url);
  });
});
