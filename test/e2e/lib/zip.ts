// Minimal reader for .vsix files (plain zip archives): lists entries from the central directory and
// extracts them (stored or deflated). Enough to check what a package holds and to unpack it as an
// extension folder, without depending on a zip library that is only a transitive dependency.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  size: number;
  compressedSize: number;
  method: number;
  localHeaderOffset: number;
}

export function listZip(buf: Buffer): ZipEntry[] {
  // The end-of-central-directory record sits in the last 64 KiB + 22 bytes (comment may precede it).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`corrupt zip: bad central directory entry ${i}`);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.push({ name, size, compressedSize, method, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

export function readEntry(buf: Buffer, e: ZipEntry): Buffer {
  const h = e.localHeaderOffset;
  if (buf.readUInt32LE(h) !== 0x04034b50) throw new Error(`corrupt zip: bad local header for ${e.name}`);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const raw = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return Buffer.from(raw);
  if (e.method === 8) return inflateRawSync(raw);
  throw new Error(`unsupported zip compression method ${e.method} for ${e.name}`);
}

/** Extracts every entry under `prefix` (e.g. "extension/") into `dest`, stripping the prefix. */
export function extractZip(file: string, dest: string, prefix = ''): string[] {
  const buf = readFileSync(file);
  const root = resolve(dest);
  const written: string[] = [];
  for (const e of listZip(buf)) {
    if (!e.name.startsWith(prefix) || e.name.endsWith('/')) continue;
    const target = resolve(join(root, e.name.slice(prefix.length)));
    if (!target.startsWith(root + sep)) throw new Error(`zip entry escapes the destination: ${e.name}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, readEntry(buf, e));
    written.push(target);
  }
  return written;
}
