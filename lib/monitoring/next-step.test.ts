import { describe, expect, it } from 'vitest';
import { nextMonitoringStep } from './next-step';

describe('nextMonitoringStep', () => {
  it('asks for predictions first, for editors and viewers alike', () => {
    for (const canEdit of [true, false])
      expect(nextMonitoringStep('rain', { hasPredictions: false, hasReference: true, canEdit })).toEqual({
        href: '/rain/monitoring#log-predictions',
        label: 'Log predictions',
      });
  });

  it('then a reference, then a check, both on the model page', () => {
    expect(nextMonitoringStep('rain', { hasPredictions: true, hasReference: false, canEdit: true })?.href).toBe(
      '#reference',
    );
    expect(nextMonitoringStep('rain', { hasPredictions: true, hasReference: true, canEdit: true })?.href).toBe(
      '#run-check',
    );
  });

  it('offers viewers no form they cannot use', () => {
    expect(nextMonitoringStep('rain', { hasPredictions: true, hasReference: false, canEdit: false })).toBeUndefined();
  });
});
