import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { byteLimit } from './limits';
import type { ArtifactDownload, ArtifactEntry, ArtifactStat, ArtifactStore } from './store';

// 1 MiB chunks instead of Node's 64 KiB (reads) and 16 KiB (writes): every chunk crosses a web stream on its way
// to or from the HTTP response, and that per-chunk cost, not the disk, bounded the proxy at a few hundred MB/s.
const CHUNK = 1024 * 1024;

const isMissing = (err: unknown) =>
  (err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR';

/** Files in a folder on this machine. Keys are validated by the caller (lib/artifacts/paths); this only joins them. */
export class LocalArtifactStore implements ArtifactStore {
  readonly kind = 'local' as const;
  constructor(readonly root: string) {}

  private file(key: string): string {
    const resolved = path.resolve(this.root, key);
    // Defence in depth: a key that escaped validation still cannot leave the root.
    if (resolved !== this.root && !resolved.startsWith(this.root + path.sep)) throw new Error(`Key outside the store`);
    return resolved;
  }

  async put(key: string, body: Readable, maxBytes: number) {
    const target = this.file(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    // Written beside the target and renamed into place: a reader never sees half a file, a failed upload leaves none.
    const temp = `${target}.upload-${randomBytes(6).toString('hex')}`;
    const counted = { size: 0 };
    try {
      await pipeline(body, byteLimit(maxBytes, counted), fs.createWriteStream(temp, { highWaterMark: CHUNK }));
      await fsp.rename(temp, target);
    } catch (err) {
      await fsp.rm(temp, { force: true });
      throw err;
    }
    return { size: counted.size };
  }

  async get(key: string): Promise<ArtifactDownload | null> {
    const stat = await this.stat(key);
    if (!stat || stat.isDir) return null;
    return { stream: fs.createReadStream(this.file(key), { highWaterMark: CHUNK }), size: stat.size };
  }

  async stat(key: string): Promise<ArtifactStat | null> {
    try {
      const s = await fsp.stat(this.file(key));
      return { isDir: s.isDirectory(), size: s.isDirectory() ? 0 : s.size };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async list(prefix: string): Promise<ArtifactEntry[]> {
    let entries: fs.Dirent[];
    try {
      entries = await fsp.readdir(this.file(prefix), { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return [];
      throw err;
    }
    const out: ArtifactEntry[] = [];
    for (const e of entries) {
      if (e.isDirectory()) out.push({ path: e.name, isDir: true });
      else if (e.isFile() && !/\.upload-[0-9a-f]{12}$/.test(e.name)) {
        const s = await fsp.stat(path.join(this.file(prefix), e.name));
        out.push({ path: e.name, isDir: false, size: s.size });
      }
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async deletePrefix(key: string) {
    if (!key) throw new Error('Refusing to delete the whole artifact store');
    await fsp.rm(this.file(key), { recursive: true, force: true });
  }

  async totalBytes(prefix: string): Promise<number> {
    let total = 0;
    for (const entry of await this.list(prefix)) {
      total += entry.isDir ? await this.totalBytes(path.posix.join(prefix, entry.path)) : (entry.size ?? 0);
    }
    return total;
  }
}
