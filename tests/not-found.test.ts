import { describe, expect, it } from 'vitest';
import { notFound } from '@/lib/errors';
import { runId, serialId, uuidId, versionNumber } from '@/lib/ids';
import { orNotFound, paramsOrNotFound } from '@/server/not-found';

// next/navigation's notFound() throws an error whose digest marks it as the 404 fallback.
const is404 = (err: unknown) => String((err as { digest?: string }).digest).includes('404');

describe('orNotFound', () => {
  it('returns the row when the read succeeds', async () => {
    await expect(orNotFound(Promise.resolve({ id: 1 }))).resolves.toEqual({ id: 1 });
  });

  it('turns a missing row into the 404 page', async () => {
    const err = await orNotFound(Promise.reject(notFound('Risk'))).catch((e: unknown) => e);
    expect(is404(err)).toBe(true);
  });

  it('lets a database outage through to the error boundary instead of a 404', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const err = await orNotFound(Promise.reject(outage)).catch((e: unknown) => e);
    expect(err).toBe(outage);
    expect(is404(err)).toBe(false);
  });
});

describe('paramsOrNotFound', () => {
  const reject = (schema: Parameters<typeof paramsOrNotFound>[0], value: string) =>
    paramsOrNotFound(schema, Promise.resolve(value)).then(
      () => false,
      (e: unknown) => is404(e),
    );

  it('accepts each kind of id in its URL form', async () => {
    await expect(paramsOrNotFound(uuidId, '0B7A4C1E-9F3D-4C2A-8E6B-1D2C3B4A5F60')).resolves.toBe(
      '0B7A4C1E-9F3D-4C2A-8E6B-1D2C3B4A5F60',
    );
    await expect(paramsOrNotFound(runId, 'a1b2c3')).resolves.toBe('a1b2c3');
    await expect(paramsOrNotFound(serialId, '42')).resolves.toBe(42);
    await expect(paramsOrNotFound(versionNumber, Promise.resolve('7'))).resolves.toBe(7);
  });

  it('answers 404 for ids that cannot exist, before any query runs', async () => {
    expect(await reject(uuidId, '------------------------------------')).toBe(true);
    expect(await reject(uuidId, '0b7a4c1e-9f3d-4c2a-8e6b')).toBe(true);
    expect(await reject(runId, 'not-hex')).toBe(true);
    expect(await reject(serialId, '1e3')).toBe(true);
    expect(await reject(serialId, '1234567890123456')).toBe(true);
    expect(await reject(versionNumber, '-1')).toBe(true);
  });
});
