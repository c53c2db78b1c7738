import { z } from 'zod';

/** One schema per kind of id in a URL; a value that fails is a 404 before any query runs. */
export const uuidId = z.guid();
/** MLflow run ids: hex, 32 characters when we mint them, up to 64 from other clients. */
export const runId = z.string().regex(/^[0-9a-f]{1,64}$/i);
/** Serial ids (experiments, activity cursors): digits, small enough to stay an exact JS number. */
export const serialId = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number);
/** A registered model's version number. */
export const versionNumber = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

export const isUuid = (value: string) => uuidId.safeParse(value).success;
