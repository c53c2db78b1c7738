'use client';

import { useState } from 'react';
import { Field } from '@/components/ui/action-form';
import { slugify } from '@/lib/slug';

/** The project's name and slug: the slug follows the name until the person edits the slug themselves. */
export function NameAndSlugFields() {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  return (
    <>
      <Field
        name="name"
        label="Name"
        required
        placeholder="Customer churn"
        value={name}
        onValueChange={(next) => {
          setName(next);
          if (!slugEdited) setSlug(slugify(next));
        }}
      />
      <Field
        name="slug"
        label="Slug"
        required
        hint="Used in URLs: lowercase letters, digits and dashes. Filled in from the name until you change it."
        placeholder="churn"
        value={slug}
        onValueChange={(next) => {
          setSlug(next);
          setSlugEdited(next !== '');
        }}
      />
    </>
  );
}
