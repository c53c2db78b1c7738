'use client';

import { DataTable } from '@/components/ui/data-table';
import type { SignatureColumn } from '@/lib/artifacts/mlmodel';

/** One part of a model signature (inputs, outputs or params) as a table with its CSV export. */
export function SignatureTable({
  caption,
  columns,
  exportName,
}: {
  caption: string;
  columns: SignatureColumn[];
  exportName: string;
}) {
  return (
    <DataTable
      caption={caption}
      exportName={exportName}
      rows={columns}
      rowKey={(c) => c.name}
      columns={[
        { key: 'name', header: 'Name', value: (c) => c.name },
        { key: 'type', header: 'Type', value: (c) => c.type },
        { key: 'shape', header: 'Shape', value: (c) => c.shape ?? '' },
        { key: 'required', header: 'Required', value: (c) => (c.required ? 'yes' : 'no') },
      ]}
      empty={{ title: 'Nothing declared', hint: 'Log the model with signature=infer_signature(X, y) to record it.' }}
    />
  );
}
