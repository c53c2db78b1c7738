// Problem decomposition: sub-problems form a tree under the project's problem statement.

export const SUB_PROBLEM_STATUSES = ['not_started', 'in_progress', 'blocked', 'done'] as const;
export type SubProblemStatus = (typeof SUB_PROBLEM_STATUSES)[number];
export const SUB_PROBLEM_STATUS_LABELS: Record<SubProblemStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  blocked: 'Blocked',
  done: 'Done',
};

export type TreeNode<T> = T & { depth: number; children: Array<TreeNode<T>> };

/** Nests flat rows by parentId, keeping the given order among siblings; rows whose parent is missing become roots. */
export function buildTree<T extends { id: string; parentId: string | null }>(rows: readonly T[]): Array<TreeNode<T>> {
  const byId = new Map<string, TreeNode<T>>();
  for (const r of rows) byId.set(r.id, { ...r, depth: 0, children: [] });
  const roots: Array<TreeNode<T>> = [];
  for (const r of rows) {
    const node = byId.get(r.id)!;
    const parent = r.parentId ? byId.get(r.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const setDepth = (nodes: Array<TreeNode<T>>, depth: number) => {
    for (const n of nodes) {
      n.depth = depth;
      setDepth(n.children, depth + 1);
    }
  };
  setDepth(roots, 0);
  return roots;
}

/** Depth-first order, parents before children: the order a tree reads in a list or a document. */
export function flattenTree<T>(roots: ReadonlyArray<TreeNode<T>>): Array<TreeNode<T>> {
  return roots.flatMap((n) => [n, ...flattenTree(n.children)]);
}

/** True when making `newParentId` the parent of `id` would put a node under itself. */
export function wouldCreateCycle(
  rows: ReadonlyArray<{ id: string; parentId: string | null }>,
  id: string,
  newParentId: string | null,
): boolean {
  const parentOf = new Map(rows.map((r) => [r.id, r.parentId]));
  for (let at: string | null | undefined = newParentId, steps = 0; at && steps <= rows.length; steps++) {
    if (at === id) return true;
    at = parentOf.get(at);
  }
  return false;
}

/** Done share of the leaves: a parent is as far along as the sub-problems it breaks into. */
export function progressOf<T extends { status: SubProblemStatus }>(node: TreeNode<T>): { done: number; total: number } {
  if (node.children.length === 0) return { done: node.status === 'done' ? 1 : 0, total: 1 };
  return node.children
    .map(progressOf)
    .reduce((a, b) => ({ done: a.done + b.done, total: a.total + b.total }), { done: 0, total: 0 });
}
