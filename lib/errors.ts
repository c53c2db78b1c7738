// Errors the domain raises on purpose; the action and API wrappers turn them into 4xx answers.
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'exists' | 'forbidden';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found.`);
export const conflict = (message: string) => new DomainError('conflict', message);
