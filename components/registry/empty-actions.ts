import type { EmptyAction } from '@/components/ui/empty-state';

/** Versions come from runs: a finished run's page has the "Register as model version" form. */
export function registerVersionAction(project: string): EmptyAction {
  return { href: `/${project}/runs?status=FINISHED`, label: 'Register a version from a run' };
}
