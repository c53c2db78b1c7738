import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';
import { artifactTooLarge, byteLimit } from './limits';
import type { ArtifactDownload, ArtifactEntry, ArtifactStat, ArtifactStore, MultipartUpload } from './store';

type S3Options = { bucket: string; prefix: string; env: Partial<NodeJS.ProcessEnv> };

const isNotFound = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

/** How long a presigned part URL stays valid: long enough for a slow client to send a 100 MB part. */
const PART_URL_SECONDS = 3600;

/**
 * Objects in an S3-compatible bucket, through the AWS SDK. Endpoint and credentials come from the usual
 * AWS variables; a custom endpoint (MinIO, Ceph, R2, …) is addressed path-style, as most of them expect.
 */
export class S3ArtifactStore implements ArtifactStore {
  readonly kind = 's3' as const;
  readonly client: S3Client;
  readonly bucket: string;
  private readonly prefix: string;

  constructor({ bucket, prefix, env }: S3Options) {
    const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
    this.client = new S3Client({
      region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
      endpoint,
      forcePathStyle: Boolean(endpoint),
      ...(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
        ? {
            credentials: {
              accessKeyId: env.AWS_ACCESS_KEY_ID,
              secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
              sessionToken: env.AWS_SESSION_TOKEN || undefined,
            },
          }
        : {}),
      // Many S3-compatible servers reject the SDK's newer default checksum headers; send them only where S3 requires them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    this.bucket = bucket;
    this.prefix = prefix;
  }

  private objectKey(key: string): string {
    return [this.prefix, key].filter(Boolean).join('/');
  }

  async put(key: string, body: Readable, maxBytes: number) {
    const counted = { size: 0 };
    const limited = body.pipe(byteLimit(maxBytes, counted));
    body.on('error', (err) => limited.destroy(err));
    // lib-storage sends large streams as a multipart upload, a few 5 MB parts in flight at a time.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: this.objectKey(key), Body: limited },
    });
    try {
      await upload.done();
    } catch (err) {
      if (counted.size > maxBytes) throw artifactTooLarge(maxBytes);
      throw err;
    }
    return { size: counted.size };
  }

  async get(key: string): Promise<ArtifactDownload | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return { stream: out.Body as Readable, size: Number(out.ContentLength ?? 0) };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async stat(key: string): Promise<ArtifactStat | null> {
    if (key) {
      try {
        const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
        return { isDir: false, size: Number(head.ContentLength ?? 0) };
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    const page = await this.client.send(
      new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.dirPrefix(key), MaxKeys: 1 }),
    );
    return page.KeyCount ? { isDir: true, size: 0 } : null;
  }

  private dirPrefix(key: string): string {
    const full = this.objectKey(key);
    return full ? `${full}/` : '';
  }

  private async *pages(prefix: string, delimiter?: string): AsyncGenerator<ListObjectsV2CommandOutput> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          Delimiter: delimiter,
          ContinuationToken: token,
        }),
      );
      yield page;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async list(prefix: string): Promise<ArtifactEntry[]> {
    const base = this.dirPrefix(prefix);
    const out: ArtifactEntry[] = [];
    for await (const page of this.pages(base, '/')) {
      for (const p of page.CommonPrefixes ?? [])
        if (p.Prefix) out.push({ path: p.Prefix.slice(base.length).replace(/\/$/, ''), isDir: true });
      for (const o of page.Contents ?? [])
        if (o.Key && o.Key !== base)
          out.push({ path: o.Key.slice(base.length), isDir: false, size: Number(o.Size ?? 0) });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async deletePrefix(key: string) {
    if (!key) throw new Error('Refusing to delete the whole artifact store');
    const keys = [this.objectKey(key)];
    for await (const page of this.pages(this.dirPrefix(key))) for (const o of page.Contents ?? []) keys.push(o.Key!);
    for (let i = 0; i < keys.length; i += 1000) {
      await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true },
        }),
      );
    }
  }

  async totalBytes(prefix: string): Promise<number> {
    let total = 0;
    for await (const page of this.pages(this.dirPrefix(prefix)))
      for (const o of page.Contents ?? []) total += o.Size ?? 0;
    return total;
  }

  async createMultipartUpload(key: string, numParts: number): Promise<MultipartUpload> {
    const Key = this.objectKey(key);
    const created = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key }));
    const uploadId = created.UploadId!;
    const credentials = [];
    for (let part = 1; part <= numParts; part++) {
      const url = await getSignedUrl(
        this.client,
        new UploadPartCommand({ Bucket: this.bucket, Key, UploadId: uploadId, PartNumber: part }),
        { expiresIn: PART_URL_SECONDS },
      );
      credentials.push({ url, part_number: part, headers: {} });
    }
    return { uploadId, credentials };
  }

  async completeMultipartUpload(key: string, uploadId: string, parts: { part_number: number; etag: string }[]) {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        UploadId: uploadId,
        MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.part_number, ETag: p.etag })) },
      }),
    );
  }

  async abortMultipartUpload(key: string, uploadId: string) {
    await this.client.send(
      new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: this.objectKey(key), UploadId: uploadId }),
    );
  }
}
