import { expect } from 'vitest';
import type { Db } from '@/db/client';
import { snapshotDatabase } from './db-snapshot';

/**
 * Proves that refused requests wrote nothing, over a long run of requests of which a few may succeed and write.
 * A snapshot costs tens of milliseconds, so the database is re-read only when it must be: for a baseline (again
 * after a request that wrote), and before a request that may write, to check the refusals since the baseline.
 * With `writes` false (a read-only target) the database must be exactly as it was at the end, whatever the answers.
 */
export function junkWatch(db: Db, writes: boolean) {
  let baseline: Record<string, string> | undefined;
  let unchecked = false;
  const verify = async () => {
    expect(
      await snapshotDatabase(db),
      writes ? 'a refused request wrote to the database' : 'a read wrote to the database',
    ).toEqual(baseline);
    unchecked = false;
  };
  return {
    /** Call before each request; `refused` when the request is known to be refused (its input is malformed). */
    before: async (refused: boolean) => {
      if (writes && !refused && unchecked) await verify();
      baseline ??= await snapshotDatabase(db);
    },
    after: (accepted: boolean) => {
      if (!accepted) unchecked = true;
      else if (writes) baseline = undefined;
    },
    finish: async () => {
      if (baseline && (unchecked || !writes)) await verify();
    },
  };
}
