// What an MLflow 3 client asks the server before choosing how to move artifacts.
export { serverInfoRoute as GET } from '@/server/mlflow/server-info';

export const dynamic = 'force-dynamic';
