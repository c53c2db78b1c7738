type Weighted = { value: number; weight: number };

function weightedSorted(
  values: readonly number[],
  weights: readonly number[] | undefined,
): { points: Weighted[]; total: number } {
  if (weights && weights.length !== values.length) throw new RangeError('Need one weight per value.');
  const points: Weighted[] = [];
  values.forEach((value, i) => {
    const weight = weights ? weights[i]! : 1;
    if (!Number.isFinite(value)) return;
    if (!(Number.isFinite(weight) && weight >= 0)) throw new RangeError('Weights must be non-negative.');
    points.push({ value, weight });
  });
  points.sort((a, b) => a.value - b.value);
  const total = points.reduce((s, p) => s + p.weight, 0);
  if (!(total > 0)) throw new RangeError('Each distribution needs at least one finite value with positive weight.');
  return { points, total };
}

/**
 * First Wasserstein (earth mover's) distance between two 1-D empirical distributions, optionally
 * weighted — the same quantity as scipy.stats.wasserstein_distance: ∫ |U(x) − V(x)| dx over the
 * step CDFs, evaluated exactly between consecutive pooled values. Non-finite values are dropped.
 */
export function wassersteinDistance(
  u: readonly number[],
  v: readonly number[],
  uWeights?: readonly number[],
  vWeights?: readonly number[],
): number {
  const a = weightedSorted(u, uWeights);
  const b = weightedSorted(v, vWeights);
  const cuts = [...a.points, ...b.points].map((p) => p.value).sort((x, y) => x - y);
  let i = 0;
  let j = 0;
  let cdfA = 0;
  let cdfB = 0;
  let distance = 0;
  for (let k = 0; k < cuts.length - 1; k++) {
    const x = cuts[k]!;
    while (i < a.points.length && a.points[i]!.value <= x) cdfA += a.points[i++]!.weight;
    while (j < b.points.length && b.points[j]!.value <= x) cdfB += b.points[j++]!.weight;
    distance += Math.abs(cdfA / a.total - cdfB / b.total) * (cuts[k + 1]! - x);
  }
  return distance;
}

/** Population standard deviation (ddof = 0, numpy's np.std default), computed in two passes. */
export function populationStd(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return 0;
  const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
  return Math.sqrt(finite.reduce((s, v) => s + (v - mean) ** 2, 0) / finite.length);
}

/**
 * Evidently's "Wasserstein distance (normed)": W₁(reference, current) ÷ max(std(reference), 0.001).
 * Dividing by the reference spread makes 0.1 mean "a tenth of a standard deviation" whatever the
 * feature's unit; the 0.001 floor (Evidently's constant) keeps constant features from dividing by 0.
 */
export function wassersteinNormed(reference: readonly number[], current: readonly number[]): number {
  return wassersteinDistance(reference, current) / Math.max(populationStd(reference), 0.001);
}

/**
 * Jensen–Shannon distance √JSD(p ‖ q) with the natural log by default, as
 * scipy.spatial.distance.jensenshannon (base e; Evidently calls it that way too). Inputs are
 * normalised to sum to 1 first; zero entries contribute 0 (0·log 0 = 0), so no epsilon is needed
 * — the mixture m is positive wherever p or q is. Range [0, √ln 2] in nats, [0, 1] in base 2.
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[], base?: number): number {
  if (p.length !== q.length || p.length === 0)
    throw new RangeError('Both distributions need the same, non-zero length.');
  if (![...p, ...q].every((v) => Number.isFinite(v) && v >= 0))
    throw new RangeError('Probabilities must be non-negative.');
  const sp = p.reduce((s, v) => s + v, 0);
  const sq = q.reduce((s, v) => s + v, 0);
  if (!(sp > 0 && sq > 0)) throw new RangeError('Each distribution needs positive mass.');
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]! / sp;
    const qi = q[i]! / sq;
    const m = (pi + qi) / 2;
    if (pi > 0) divergence += pi * Math.log(pi / m);
    if (qi > 0) divergence += qi * Math.log(qi / m);
  }
  const jsd = Math.max(0, divergence / 2) / (base ? Math.log(base) : 1);
  return Math.sqrt(jsd);
}
