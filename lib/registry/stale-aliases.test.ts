import { describe, expect, it } from 'vitest';
import { findStaleAliases } from './stale-aliases';

describe('findStaleAliases', () => {
  it('finds an alias left on the version a promotion archived, and the version that replaced it', () => {
    const versions = [
      { version: 1, stage: 'Archived' as const },
      { version: 2, stage: 'Production' as const },
      { version: 3, stage: 'Staging' as const },
    ];
    const aliases = [
      { alias: 'champion', version: 1 },
      { alias: 'challenger', version: 3 },
    ];
    const transitions = [
      { version: 2, fromStage: 'None' as const, toStage: 'Production' as const },
      { version: 1, fromStage: 'Production' as const, toStage: 'Archived' as const },
    ];
    expect(findStaleAliases(versions, aliases, transitions)).toEqual([
      { alias: 'champion', version: 1, successor: { version: 2, stage: 'Production' } },
    ]);
  });

  it('points at the holder of the stage the archived version left, not always Production', () => {
    const versions = [
      { version: 1, stage: 'Production' as const },
      { version: 2, stage: 'Archived' as const },
      { version: 3, stage: 'Staging' as const },
    ];
    const transitions = [{ version: 2, fromStage: 'Staging' as const, toStage: 'Archived' as const }];
    expect(findStaleAliases(versions, [{ alias: 'candidate', version: 2 }], transitions)).toEqual([
      { alias: 'candidate', version: 2, successor: { version: 3, stage: 'Staging' } },
    ]);
  });

  it('falls back to Production, or to no successor, when the left stage is empty', () => {
    const archivedByHand = [{ version: 1, fromStage: 'None' as const, toStage: 'Archived' as const }];
    expect(
      findStaleAliases(
        [
          { version: 1, stage: 'Archived' },
          { version: 2, stage: 'Production' },
        ],
        [{ alias: 'old', version: 1 }],
        archivedByHand,
      )[0]?.successor,
    ).toEqual({ version: 2, stage: 'Production' });
    expect(
      findStaleAliases([{ version: 1, stage: 'Archived' }], [{ alias: 'old', version: 1 }], archivedByHand)[0]
        ?.successor,
    ).toBeNull();
  });

  it('reports nothing when no alias sits on an archived version', () => {
    expect(findStaleAliases([{ version: 1, stage: 'Production' }], [{ alias: 'champion', version: 1 }], [])).toEqual(
      [],
    );
  });
});
