// Model registry vocabulary, as MLflow's (model_registry.proto).
export const MODEL_STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type ModelStage = (typeof MODEL_STAGES)[number];

/** MLflow accepts stage names case-insensitively ("production" → "Production"). */
export function parseStage(value: string): ModelStage | null {
  return MODEL_STAGES.find((s) => s.toLowerCase() === value.trim().toLowerCase()) ?? null;
}

/** Aliases: letters, digits, '_' and '-', not a version-like "v1"/"latest" (MLflow reserves those). */
export function aliasError(alias: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(alias)) return "Alias must use letters, digits, '_' or '-' (at most 255).";
  if (/^v\d+$/i.test(alias) || alias.toLowerCase() === 'latest') return `Alias '${alias}' is reserved.`;
  return null;
}
