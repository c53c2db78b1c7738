import { describe, expect, it } from 'vitest';
import { type SubProblemStatus, buildTree, flattenTree, progressOf, wouldCreateCycle } from './tree';

// The seed's decomposition of "Predict customer churn", one level deeper under the second sub-problem.
const rows: Array<{ id: string; parentId: string | null; title: string; status: SubProblemStatus }> = [
  { id: '1', parentId: null, title: 'Identify churn indicators', status: 'done' },
  { id: '2', parentId: null, title: 'Predict churn probability', status: 'in_progress' },
  { id: '3', parentId: null, title: 'Recommend retention actions', status: 'not_started' },
  { id: '2a', parentId: '2', title: 'Label churners', status: 'done' },
  { id: '2b', parentId: '2', title: 'Train a classifier', status: 'in_progress' },
  { id: '2b1', parentId: '2b', title: 'Calibrate', status: 'blocked' },
];

describe('buildTree and flattenTree', () => {
  it('nests any depth, keeps sibling order, and reads parents before children', () => {
    const tree = buildTree(rows);
    expect(tree.map((n) => n.title)).toEqual([
      'Identify churn indicators',
      'Predict churn probability',
      'Recommend retention actions',
    ]);
    expect(flattenTree(tree).map((n) => `${n.depth}:${n.id}`)).toEqual(['0:1', '0:2', '1:2a', '1:2b', '2:2b1', '0:3']);
  });

  it('treats a row whose parent is missing as a root', () => {
    expect(buildTree([{ id: 'x', parentId: 'gone' }]).map((n) => [n.id, n.depth])).toEqual([['x', 0]]);
  });
});

describe('wouldCreateCycle', () => {
  it('refuses moving a node under itself or a descendant, allows anything else', () => {
    expect(wouldCreateCycle(rows, '2', '2')).toBe(true);
    expect(wouldCreateCycle(rows, '2', '2b1')).toBe(true);
    expect(wouldCreateCycle(rows, '2b', '1')).toBe(false);
    expect(wouldCreateCycle(rows, '2b', null)).toBe(false);
  });
});

describe('progressOf', () => {
  it('counts done leaves under a node', () => {
    const [, predict] = buildTree(rows);
    expect(progressOf(predict!)).toEqual({ done: 1, total: 2 });
    const [identify] = buildTree(rows);
    expect(progressOf(identify!)).toEqual({ done: 1, total: 1 });
  });
});
