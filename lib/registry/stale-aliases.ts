import type { ModelStage } from './vocabulary';

export type StaleAlias = {
  alias: string;
  /** The archived version the alias still points at. */
  version: number;
  /** The version now holding the stage the archived one left (where the alias most likely belongs), if any. */
  successor: { version: number; stage: ModelStage } | null;
};

/**
 * Aliases left on an archived version, e.g. @champion still on version 1 after version 2 was promoted to
 * Production with "archive the current holder". Transitions come newest first, as the timeline lists them.
 */
export function findStaleAliases(
  versions: readonly { version: number; stage: ModelStage }[],
  aliases: readonly { alias: string; version: number }[],
  transitions: readonly { version: number; fromStage: ModelStage | null; toStage: ModelStage | null }[],
): StaleAlias[] {
  const stageOf = new Map(versions.map((v) => [v.version, v.stage]));
  const holderOf = (stage: ModelStage | null | undefined) =>
    stage && stage !== 'Archived' && stage !== 'None' ? versions.find((v) => v.stage === stage) : undefined;
  return aliases
    .filter((a) => stageOf.get(a.version) === 'Archived')
    .map((a) => {
      const left = transitions.find((t) => t.version === a.version && t.toStage === 'Archived')?.fromStage;
      const holder = holderOf(left) ?? holderOf('Production');
      return {
        alias: a.alias,
        version: a.version,
        successor: holder ? { version: holder.version, stage: holder.stage } : null,
      };
    });
}
