// Vocabulary shared by the schema, validation and UI.

export const LIFECYCLE_STAGES = [
  'define',
  'collect_data',
  'baseline',
  'evaluate',
  'improve',
  'deploy',
  'monitor',
] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const STAGE_LABELS: Record<LifecycleStage, string> = {
  define: 'Define problem',
  collect_data: 'Collect data',
  baseline: 'Baseline',
  evaluate: 'Evaluate',
  improve: 'Improve',
  deploy: 'Deploy',
  monitor: 'Monitor',
};

export const PROJECT_ROLES = ['viewer', 'editor', 'owner'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export function roleAtLeast(role: ProjectRole | null | undefined, needed: ProjectRole): boolean {
  if (!role) return false;
  return PROJECT_ROLES.indexOf(role) >= PROJECT_ROLES.indexOf(needed);
}

// Slugs that collide with top-level routes.
export const RESERVED_SLUGS = ['admin', 'api', 'ajax-api', 'setup', 'sign-in', 'projects', 'new', 'account', '_next'];
