import { z } from 'zod';
import { ApiError, defineRoute } from '@/server/api';
import { acceptsEventStream, getLiveHub, liveEventResponse } from '@/server/live';

export const dynamic = 'force-dynamic';

/**
 * Server-Sent Events: every committed change to the project's board (from any app instance, via Postgres
 * LISTEN/NOTIFY) as `event: change` with `{ projectId, entity, id, version }`; a comment every 15 s keeps
 * proxies from closing the idle connection. The stream ends as soon as its token is revoked or its user is
 * removed from the project; one user or token may hold MAX_STREAMS_PER_CALLER streams per instance (429 beyond).
 */
export const GET = defineRoute(
  'viewer',
  z.object({}),
  async ({ req, caller }) => {
    if (!acceptsEventStream(req)) {
      throw new ApiError(
        406,
        'NOT_ACCEPTABLE',
        'This endpoint streams Server-Sent Events; send "Accept: text/event-stream" (EventSource does).',
      );
    }
    return liveEventResponse(await getLiveHub(), caller.project.id, req, {
      userId: caller.user.id,
      tokenId: caller.tokenId,
    });
  },
  { session: true },
);
