/** A link an empty monitoring section offers: where the thing it lacks gets made. */
export type MonitoringStep = { href: string; label: string };

/**
 * What a monitored model's empty charts and tables wait for, in the order it has to happen: predictions
 * from the serving code, then a reference, then a check. The first link explains how predictions arrive,
 * so everyone gets it; the later two are forms only editors have, so viewers get no link for them.
 */
export function nextMonitoringStep(
  project: string,
  state: { hasPredictions: boolean; hasReference: boolean; canEdit: boolean },
): MonitoringStep | undefined {
  if (!state.hasPredictions) return { href: `/${project}/monitoring#log-predictions`, label: 'Log predictions' };
  if (!state.canEdit) return undefined;
  if (!state.hasReference) return { href: '#reference', label: 'Set a reference' };
  return { href: '#run-check', label: 'Run a check' };
}
