import type { ReactNode } from 'react';
import { ProjectNav } from '@/components/shell/project-nav';
import { requireProjectAccess } from '@/server/project-page';

export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ project: string }>;
}) {
  const { project } = await requireProjectAccess((await params).project);
  return (
    <div className="flex min-w-0 flex-1 flex-col md:flex-row">
      <ProjectNav slug={project.slug} name={project.name} />
      <main className="min-w-0 flex-1 p-4 md:p-6">{children}</main>
    </div>
  );
}
