import type { ReactNode } from 'react';
import { CommandPalette } from '@/components/shell/command-palette';
import { ProjectNav } from '@/components/shell/project-nav';
import { roleAtLeast } from '@/lib/domain';
import { requireProjectAccess } from '@/server/project-page';

export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ project: string }>;
}) {
  const { project, role } = await requireProjectAccess((await params).project);
  return (
    <CommandPalette slug={project.slug} canEdit={roleAtLeast(role, 'editor')}>
      <div className="flex min-w-0 flex-1 flex-col md:flex-row">
        <ProjectNav slug={project.slug} name={project.name} />
        <main className="min-w-0 flex-1 p-4 md:p-6">{children}</main>
      </div>
    </CommandPalette>
  );
}
