// The statistics library for model monitoring and A/B tests: pure functions, no I/O.
export * from './ab';
export * from './assign';
export * from './chi2';
export * from './distances';
export * from './distributions';
export * from './drift';
export * from './ks';
export * from './performance';
export * from './proportions';
export * from './psi';
export * from './summary';
