export * from './auth';
export * from './projects';
export * from './tracking';
export * from './registry';
