import { DomainError } from '../errors';
import { RUN_APPROACHES, type RunApproach, WELL_KNOWN_TAGS } from './vocabulary';

export type RunFields = {
  name?: string;
  userId?: string;
  approach?: RunApproach | null;
  seed?: number | null;
  config?: Record<string, unknown> | null;
  codeVersion?: string | null;
};

/** The run fields that well-known tags set (see WELL_KNOWN_TAGS); a malformed value is refused, naming the tag. */
export function runFieldsFromTags(tags: { key: string; value: string }[]): RunFields {
  const fields: RunFields = {};
  for (const { key, value } of tags) {
    switch (key) {
      case WELL_KNOWN_TAGS.runName:
        fields.name = value;
        break;
      case WELL_KNOWN_TAGS.user:
        fields.userId = value;
        break;
      case WELL_KNOWN_TAGS.approach:
        if (!RUN_APPROACHES.includes(value as RunApproach)) {
          throw new DomainError(
            'invalid',
            `Tag '${key}' must be one of ${RUN_APPROACHES.join(', ')}; got '${value}'.`,
            key,
          );
        }
        fields.approach = value as RunApproach;
        break;
      case WELL_KNOWN_TAGS.seed: {
        const n = Number(value);
        if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
          throw new DomainError('invalid', `Tag '${key}' must be an integer random seed; got '${value}'.`, key);
        }
        fields.seed = n;
        break;
      }
      case WELL_KNOWN_TAGS.config: {
        let parsed: unknown;
        try {
          parsed = JSON.parse(value);
        } catch {
          throw new DomainError('invalid', `Tag '${key}' must be a JSON object.`, key);
        }
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
          throw new DomainError('invalid', `Tag '${key}' must be a JSON object.`, key);
        fields.config = parsed as Record<string, unknown>;
        break;
      }
      case WELL_KNOWN_TAGS.gitCommit:
      case WELL_KNOWN_TAGS.codeVersion:
        fields.codeVersion = value;
        break;
    }
  }
  return fields;
}

/** The inverse of runFieldsFromTags for the fields the UI edits; null means the tag is removed. */
export function tagsFromRunFields(fields: RunFields): { key: string; value: string | null }[] {
  const out: { key: string; value: string | null }[] = [];
  if (fields.approach !== undefined) out.push({ key: WELL_KNOWN_TAGS.approach, value: fields.approach });
  if (fields.seed !== undefined)
    out.push({ key: WELL_KNOWN_TAGS.seed, value: fields.seed === null ? null : String(fields.seed) });
  if (fields.config !== undefined)
    out.push({ key: WELL_KNOWN_TAGS.config, value: fields.config === null ? null : JSON.stringify(fields.config) });
  if (fields.codeVersion !== undefined) out.push({ key: WELL_KNOWN_TAGS.codeVersion, value: fields.codeVersion });
  return out;
}

const ADJECTIVES = [
  'amber',
  'bold',
  'brisk',
  'calm',
  'clever',
  'crisp',
  'dapper',
  'eager',
  'fair',
  'gentle',
  'glad',
  'keen',
  'lucid',
  'merry',
  'nimble',
  'polite',
  'quiet',
  'rare',
  'sly',
  'sunny',
  'tidy',
  'vivid',
  'wise',
  'zesty',
];
const NOUNS = [
  'otter',
  'heron',
  'lynx',
  'finch',
  'moth',
  'newt',
  'owl',
  'panda',
  'quail',
  'raven',
  'seal',
  'stoat',
  'swan',
  'tern',
  'trout',
  'vole',
  'wren',
  'yak',
  'bass',
  'crane',
  'deer',
  'elk',
  'fox',
  'hare',
];

/** A readable default run name (as MLflow gives one), e.g. "brisk-heron-417". */
export function generateRunName(random: () => number = Math.random): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${Math.floor(random() * 1000)}`;
}
