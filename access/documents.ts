// Documents units upload (plans, reports): kept outside workflow history, content-addressed by sha256 in a
// document store; history keeps only a DocumentRef (hash, name, type, size). Only PDF, DOCX and ODT are
// accepted, recognised by their content, never by the name or the type the uploader claims.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type { DocumentRef } from '../contract/submission';
import { DOCUMENT_TYPES } from '../workflows/submission-check';
import { dataDirOf } from './secret';

export type { DocumentRef };
export { DOCUMENT_TYPES };

/** Where documents are kept; an S3-compatible store could implement the same two methods. */
export interface DocumentStore {
  /** Stores the content (refusing what is not a PDF, DOCX or ODT) and returns its reference. */
  put(data: Buffer, meta: { name: string }): Promise<DocumentRef>;
  /** The content stored under this hash, or undefined. */
  get(sha256: string): Promise<Buffer | undefined>;
}

/** A document refused: the message is for the person who uploaded it. */
export class DocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentError';
  }
}

/** DONDOC_DOCUMENTS_DIR, else `<data dir>/documents`. */
export function documentsDirOf(env: NodeJS.ProcessEnv): string {
  const d = env.DONDOC_DOCUMENTS_DIR?.trim();
  return d ? path.resolve(d) : path.join(dataDirOf(env), 'documents');
}

const SHA256 = /^[0-9a-f]{64}$/;

// --- Sniffing ------------------------------------------------------------------------------------------------

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The entries of a ZIP archive's central directory; undefined when it is not a well-formed ZIP. */
function zipEntries(data: Buffer): ZipEntry[] | undefined {
  if (data.length < 22 || data.readUInt32LE(0) !== 0x04034b50) return undefined;
  // End of central directory: within the last 22 + 65535 bytes (the comment's greatest length).
  const stop = Math.max(0, data.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = data.length - 22; i >= stop; i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = data.readUInt16LE(eocd + 10);
  let offset = data.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== 0x02014b50) return undefined;
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    if (offset + 46 + nameLength > data.length) return undefined;
    entries.push({
      method: data.readUInt16LE(offset + 10),
      compressedSize: data.readUInt32LE(offset + 20),
      size: data.readUInt32LE(offset + 24),
      localOffset: data.readUInt32LE(offset + 42),
      name: data.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A small entry's content (stored or deflated); undefined when it cannot be read or is too big. */
function zipEntryText(data: Buffer, e: ZipEntry, maxBytes: number): string | undefined {
  if (e.size > maxBytes || e.compressedSize > maxBytes * 4 + 64) return undefined;
  const at = e.localOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== 0x04034b50) return undefined;
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  const raw = data.subarray(start, start + e.compressedSize);
  if (raw.length !== e.compressedSize) return undefined;
  try {
    if (e.method === 0) return raw.toString('utf8');
    if (e.method === 8) return inflateRawSync(raw, { maxOutputLength: maxBytes }).toString('utf8');
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * What the content is, by looking at it: `%PDF-` → PDF; a ZIP with `word/document.xml` (and no macros) →
 * DOCX; a ZIP whose `mimetype` entry says `application/vnd.oasis.opendocument.text` → ODT. Anything else
 * (HTML, an executable, text renamed .pdf, a spreadsheet) is undefined.
 */
export function sniffDocumentType(data: Buffer): { type: string; ext: 'pdf' | 'docx' | 'odt' } | undefined {
  if (data.length >= 5 && data.toString('latin1', 0, 5) === '%PDF-') {
    return { type: DOCUMENT_TYPES.pdf, ext: 'pdf' };
  }
  const entries = zipEntries(data);
  if (!entries) return undefined;
  const names = new Set(entries.map((e) => e.name));
  const mimetype = entries.find((e) => e.name === 'mimetype');
  if (mimetype) {
    const text = zipEntryText(data, mimetype, 256)?.trim();
    if (text === DOCUMENT_TYPES.odt) return { type: DOCUMENT_TYPES.odt, ext: 'odt' };
    return undefined;
  }
  // A macro-enabled Word file (.docm) has the same layout plus its macros: refused.
  if (
    names.has('word/document.xml') &&
    names.has('[Content_Types].xml') &&
    !names.has('word/vbaProject.bin')
  ) {
    return { type: DOCUMENT_TYPES.docx, ext: 'docx' };
  }
  return undefined;
}

/** The uploaded name, kept for downloads only: no folders, no control characters, at most 200 characters. */
export function cleanDocumentName(name: string, ext: string): string {
  const base = String(name ?? '')
    .split(/[\\/]/)
    .pop()
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    ?.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '')
    .trim()
    .slice(-200);
  return base && base !== '.' && base !== '..' ? base : `tai-lieu.${ext}`;
}

// --- A folder ------------------------------------------------------------------------------------------------

/** Documents as files `<dir>/<first two hex digits>/<sha256>`, each written once, atomically. */
export class FolderDocumentStore implements DocumentStore {
  constructor(readonly dir: string) {}

  private fileOf(sha256: string): string {
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(data: Buffer, meta: { name: string }): Promise<DocumentRef> {
    if (!Buffer.isBuffer(data) || data.length === 0) throw new DocumentError('tệp rỗng');
    const kind = sniffDocumentType(data);
    if (!kind) {
      throw new DocumentError(
        'tệp không phải văn bản PDF, DOCX hoặc ODT (kiểm tra theo nội dung tệp, không theo tên tệp)',
      );
    }
    const sha256 = createHash('sha256').update(data).digest('hex');
    const file = this.fileOf(sha256);
    const exists = await stat(file).then(
      (s) => s.size === data.length,
      () => false,
    );
    if (!exists) {
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(tmp, data, { flag: 'wx', mode: 0o640 });
        await rename(tmp, file);
      } catch (err) {
        await unlink(tmp).catch(() => undefined);
        throw err;
      }
    }
    return { sha256, name: cleanDocumentName(meta.name, kind.ext), type: kind.type, size: data.length };
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    if (typeof sha256 !== 'string' || !SHA256.test(sha256)) return undefined;
    try {
      return await readFile(this.fileOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }
}
