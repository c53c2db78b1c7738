/** What stands in the snippets for a token the reader has not created (or cannot be shown again). */
export const TOKEN_PLACEHOLDER = '<token from Settings → API tokens>';

/**
 * The two environment lines that point any MLflow client at this server. The token alone decides the
 * project, so no project name is needed; a token just created is filled in so the block pastes as is.
 */
export function clientSetupLines(origin: string, token?: string): string {
  return `export MLFLOW_TRACKING_URI=${origin}\nexport MLFLOW_TRACKING_TOKEN=${token || TOKEN_PLACEHOLDER}`;
}
