import { Transform } from 'node:stream';
import { ApiError } from '../api';

/** Defaults to 5 GiB, the largest single PUT S3 itself takes; RUNBOARD_ARTIFACT_MAX_BYTES lowers or raises it. */
export function maxArtifactBytes(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.RUNBOARD_ARTIFACT_MAX_BYTES);
  return Number.isFinite(configured) && configured > 0 ? configured : 5 * 1024 ** 3;
}

export const artifactTooLarge = (maxBytes: number) =>
  new ApiError(
    413,
    'RESOURCE_LIMIT_EXCEEDED',
    `The artifact is larger than this server's limit of ${maxBytes} bytes (RUNBOARD_ARTIFACT_MAX_BYTES).`,
  );

/** Passes bytes through, failing the pipeline with a 413 once more than `maxBytes` went by. */
export function byteLimit(maxBytes: number, counted: { size: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      counted.size += chunk.length;
      if (counted.size > maxBytes) done(artifactTooLarge(maxBytes));
      else done(null, chunk);
    },
  });
}
