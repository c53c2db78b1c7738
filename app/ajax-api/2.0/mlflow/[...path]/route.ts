// MLflow tracking REST API 2.0 (see server/mlflow/router.ts and docs/mlflow-api.md).
export { DELETE, GET, PATCH, POST } from '@/server/mlflow/router';

export const dynamic = 'force-dynamic';
