import { z } from 'zod';
import { getDbHandle } from '@/db/client';
import { defineRoute, errorResponse } from '@/server/api';

export const dynamic = 'force-dynamic';

export const GET = defineRoute('public', z.object({}).loose(), async () => {
  const started = performance.now();
  try {
    const handle = await getDbHandle();
    await handle.ping();
    return {
      status: 'ok',
      database: { status: 'ok', kind: handle.kind, latency_ms: Math.round(performance.now() - started) },
    };
  } catch {
    return errorResponse(503, 'TEMPORARILY_UNAVAILABLE', 'The database is unreachable.');
  }
});
