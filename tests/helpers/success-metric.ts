import type { SuccessMetricInput } from '@/db/queries/success-metrics';

/** A primary model metric read from the runs' `accuracy`: 0.7 at the start, 0.9 to reach. */
export const ACCURACY_METRIC: SuccessMetricInput = {
  name: 'accuracy',
  description: '',
  kind: 'model',
  direction: 'higher_better',
  unit: '',
  isPrimary: true,
  startValue: 0.7,
  target: 0.9,
  rangeMin: null,
  rangeMax: null,
  deadline: '2099-01-01',
  ownerId: null,
  source: 'run_metric',
  sourceKey: 'accuracy',
  sourceModel: null,
};
