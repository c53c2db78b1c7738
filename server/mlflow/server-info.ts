import { z } from 'zod';
import { defineRoute } from '../api';
import { getArtifactStore } from '../artifacts/store';

/** MLflow's `GET /api/3.0/mlflow/server-info` (handlers.py): the store type and which transfer features are on. */
export const serverInfoRoute = defineRoute('viewer', z.object({}).passthrough(), async () => ({
  store_type: 'SqlStore',
  workspaces_enabled: false,
  trace_archival_enabled: false,
  multipart_uploads_enabled: getArtifactStore().kind === 's3',
  multipart_downloads_enabled: false,
}));
