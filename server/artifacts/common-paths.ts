// The artifact files every one of several runs has, for comparing them side by side.
import { describeErrorForLog } from '@/lib/log-error';
import { walkArtifactsAt } from './files';

/** Files read per run; a run with more is compared on the first ones (depth-first, by name). */
export const COMPARE_FILES_PER_RUN = 2000;

export async function listCommonArtifactPaths(
  projectSlug: string,
  runs: { artifactUri: string }[],
): Promise<string[] | null> {
  if (runs.length === 0) return [];
  try {
    const sets = await Promise.all(
      runs.map(async (r) => {
        const paths = new Set<string>();
        for await (const f of walkArtifactsAt({ projectSlug, artifactUri: r.artifactUri })) {
          paths.add(f.path);
          if (paths.size >= COMPARE_FILES_PER_RUN) break;
        }
        return paths;
      }),
    );
    return [...sets[0]!].filter((p) => sets.every((s) => s.has(p))).sort();
  } catch (err) {
    console.error('artifact store unreadable', describeErrorForLog(err));
    return null;
  }
}
