/**
 * Deterministic, sticky A/B assignment the way GrowthBook does it: hash (test, unit) to a number in
 * [0, 1) and pick the variant whose cumulative-weight range contains it. No state is needed to keep
 * a unit in its arm, the split follows the weights, and different tests (different seeds) assign
 * independently of each other.
 *
 * Hash: 32-bit FNV-1a (Fowler–Noll–Vo; offset basis 2166136261, prime 16777619) over the UTF-8
 * bytes. GrowthBook's hash v2 applies it twice — fnv(String(fnv(seed + value))) % 10000 / 10000 —
 * because a single FNV pass over strings that differ only in their last characters (user-1,
 * user-2, …) leaves the low-order bits poorly mixed; the second pass over the decimal digits spreads
 * them. For ASCII ids this reproduces GrowthBook's published hash cases exactly (GrowthBook hashes
 * UTF-16 code units, so the two differ only for non-ASCII ids).
 */

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/** 32-bit FNV-1a of the UTF-8 bytes of `input`, as an unsigned integer. */
export function fnv1a32(input: string): number {
  let hash = FNV_OFFSET_BASIS;
  // ids are almost always ASCII, where the UTF-8 bytes are the char codes: no encoder allocation
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code > 0x7f) return fnv1a32Bytes(encoder.encode(input));
    hash = Math.imul(hash ^ code, FNV_PRIME) >>> 0;
  }
  return hash;
}

function fnv1a32Bytes(bytes: Uint8Array): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
  return hash;
}

/**
 * GrowthBook's bucketing hash in [0, 1): v1 = fnv(value + seed) % 1000 / 1000 (kept so the published
 * v1 cases can check the FNV step), v2 = fnv(String(fnv(seed + value))) % 10000 / 10000.
 */
export function bucketHash(seed: string, value: string, version: 1 | 2 = 2): number {
  if (version === 1) return (fnv1a32(value + seed) % 1000) / 1000;
  return (fnv1a32(String(fnv1a32(seed + value))) % 10000) / 10000;
}

/** Cumulative [start, end) ranges for the weights, normalised to sum to 1. */
export function bucketRanges(weights: readonly number[]): [number, number][] {
  if (weights.length === 0 || !weights.every((w) => Number.isFinite(w) && w >= 0)) {
    throw new RangeError('Weights must be non-negative numbers.');
  }
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0)) throw new RangeError('At least one weight must be positive.');
  let start = 0;
  return weights.map((w, i) => {
    const end = i === weights.length - 1 ? 1 : start + w / total;
    const range: [number, number] = [start, end];
    start = end;
    return range;
  });
}

/**
 * The variant index (into `weights`) for a unit in a test. Deterministic: the same test and unit
 * always get the same index, on any server, as long as the weights do not change.
 */
export function assignVariant(testId: string, unitId: string, weights: readonly number[]): number {
  const bucket = bucketHash(testId, unitId);
  const ranges = bucketRanges(weights);
  const index = ranges.findIndex(([start, end]) => bucket >= start && bucket < end);
  // bucket < 1 always falls in some range; the fallback only guards zero-width tails
  return index === -1 ? ranges.length - 1 : index;
}
