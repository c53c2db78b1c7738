// Kept apart from preview.ts, which the browser loads: zod stays out of the client bundle.
import { z } from 'zod';
import { artifactSegments } from './paths';

/** A relative artifact path from a query string: '' is the root; `..`, `//`, backslashes and the like are refused. */
export const artifactPathParam = z
  .string()
  .max(1024)
  .default('')
  .transform((p) => p.replace(/^\/+|\/+$/g, ''))
  .refine(
    (p) => {
      try {
        artifactSegments(p);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be a relative path inside the artifacts, without "..", "." or empty segments' },
  );
