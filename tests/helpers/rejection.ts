import { expect } from 'vitest';
import { DomainError } from '@/lib/errors';

/** The DomainError a query refused with; fails the test when it resolved or threw anything else. */
export async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}
