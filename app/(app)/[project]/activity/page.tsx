import Link from 'next/link';
import { ActivityTable } from '@/components/project/activity-table';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { listActivityEntityTypes, listProjectActivity } from '@/db/queries/activity';
import { serialId } from '@/lib/ids';
import { requireProjectAccess } from '@/server/project-page';

export const metadata = { title: 'Activity' };

export default async function ActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string }>;
  searchParams: Promise<{ entity?: string; before?: string }>;
}) {
  const { project } = await requireProjectAccess((await params).project);
  const { entity, before } = await searchParams;
  const db = await getDb();
  const cursor = serialId.safeParse(before);
  const beforeId = cursor.success ? cursor.data : undefined;
  const [rows, entityTypes] = await Promise.all([
    listProjectActivity(db, project.id, { entityType: entity, before: beforeId, limit: 100 }),
    listActivityEntityTypes(db, project.id),
  ]);
  const base = `/${project.slug}/activity`;
  const last = rows.at(-1);
  return (
    <>
      <PageHeader
        title="Activity"
        description="Every change in this project: who changed what, from which value to which, and when. Newest first."
      />
      <nav aria-label="Filter by entity" className="mb-4 flex flex-wrap gap-2 text-sm">
        {[undefined, ...entityTypes].map((t) => (
          <Link
            key={t ?? 'all'}
            href={t ? `${base}?entity=${encodeURIComponent(t)}` : base}
            aria-current={entity === t ? 'page' : undefined}
            className="rounded-full border border-zinc-300 px-3 py-1 aria-[current=page]:border-indigo-600 aria-[current=page]:bg-indigo-600 aria-[current=page]:text-white dark:border-zinc-600"
          >
            {t ?? 'All'}
          </Link>
        ))}
      </nav>
      <ActivityTable project={project.slug} rows={rows} />
      {rows.length === 100 && last && (
        <Link
          className="mt-4 inline-block text-sm text-indigo-700 underline dark:text-indigo-400"
          href={`${base}?${new URLSearchParams({ ...(entity ? { entity } : {}), before: String(last.id) })}`}
        >
          Older entries
        </Link>
      )}
    </>
  );
}
