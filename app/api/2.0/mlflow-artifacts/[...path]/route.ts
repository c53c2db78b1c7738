// MLflow's artifact proxy (see server/mlflow/artifact-proxy.ts and docs/mlflow-api.md).
export { DELETE, GET, POST, PUT } from '@/server/mlflow/artifact-proxy';

export const dynamic = 'force-dynamic';
