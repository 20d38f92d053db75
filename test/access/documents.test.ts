// The document store: content-addressed files, byte-identical on the way back, each stored once; and only
// PDF, DOCX and ODT, recognised by their content (real small files built here), whatever their name says.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import {
  DOCUMENT_TYPES,
  DocumentError,
  documentsDirOf,
  FolderDocumentStore,
  sniffDocumentType,
} from '../../access/documents';
import { checkSubmission } from '../../workflows/submission-check';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

async function docx(extra: Record<string, string> = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Kế hoạch số 12/KH-BCĐ</w:t></w:r></w:p></w:body></w:document>',
  );
  for (const [name, text] of Object.entries(extra)) zip.file(name, text);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function odf(mimetype: string, opts: { deflateMimetype?: boolean } = {}): Promise<Buffer> {
  const zip = new JSZip();
  // ODF: the mimetype entry first, stored uncompressed.
  zip.file('mimetype', mimetype, { compression: opts.deflateMimetype ? 'DEFLATE' : 'STORE' });
  zip.file(
    'META-INF/manifest.xml',
    `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
  );
  zip.file(
    'content.xml',
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text><text:p>Báo cáo kết quả</text:p></office:text></office:body></office:document-content>',
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const freshDir = () => path.join(mkdtempSync(path.join(tmpdir(), 'dondoc-docs-')), 'documents');

describe('sniffing a document by its content', () => {
  it('knows a PDF, a DOCX and an ODT', async () => {
    expect(sniffDocumentType(PDF)).toEqual({ type: 'application/pdf', ext: 'pdf' });
    expect(sniffDocumentType(await docx())).toEqual({ type: DOCUMENT_TYPES.docx, ext: 'docx' });
    expect(sniffDocumentType(await odf(DOCUMENT_TYPES.odt))).toEqual({
      type: DOCUMENT_TYPES.odt,
      ext: 'odt',
    });
    // A mimetype entry written compressed (not as ODF asks, but seen in the wild) is still read.
    expect(sniffDocumentType(await odf(DOCUMENT_TYPES.odt, { deflateMimetype: true }))?.ext).toBe('odt');
  });

  it.each([
    ['HTML', Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>')],
    [
      'an executable',
      Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120)]),
    ],
    ['text renamed .pdf', Buffer.from('Báo cáo kết quả: 3 điểm, 1250 người\n')],
    ['a PDF header not at the start', Buffer.concat([Buffer.from(' '), PDF])],
    ['an empty file', Buffer.alloc(0)],
    ['a truncated ZIP', Buffer.from('PK\x03\x04\x14\x00\x00\x00', 'latin1')],
  ])('refuses %s', (_what, data) => {
    expect(sniffDocumentType(data)).toBeUndefined();
  });

  it('refuses other ZIPs: a spreadsheet, a macro-enabled Word file, an ODF spreadsheet', async () => {
    const xlsx = new JSZip();
    xlsx.file('[Content_Types].xml', '<Types/>');
    xlsx.file('xl/workbook.xml', '<workbook/>');
    expect(sniffDocumentType(await xlsx.generateAsync({ type: 'nodebuffer' }))).toBeUndefined();
    expect(sniffDocumentType(await docx({ 'word/vbaProject.bin': 'macros' }))).toBeUndefined();
    expect(sniffDocumentType(await odf('application/vnd.oasis.opendocument.spreadsheet'))).toBeUndefined();
  });
});

describe('a folder document store', () => {
  it('gives back each document byte for byte, under its sha256', async () => {
    const store = new FolderDocumentStore(freshDir());
    for (const [data, name, type] of [
      [PDF, 'ke-hoach.pdf', DOCUMENT_TYPES.pdf],
      [await docx(), 'Kế hoạch số 12.docx', DOCUMENT_TYPES.docx],
      [await odf(DOCUMENT_TYPES.odt), 'bao-cao.odt', DOCUMENT_TYPES.odt],
    ] as const) {
      const ref = await store.put(data, { name });
      expect(ref).toEqual({ sha256: sha(data), name, type, size: data.length });
      const back = await store.get(ref.sha256);
      expect(back?.equals(data)).toBe(true);
      // What goes into history passes the submission check.
      const problems = checkSubmission(
        { id: 'k', kind: 'plan', title: 'Kế hoạch' } as never,
        { document: { title: 'Kế hoạch', file: ref } },
        { dueAt: '2026-08-20T00:00:00+07:00' },
      );
      expect(problems).toEqual([]);
    }
  });

  it('stores the same content once, whatever its name', async () => {
    const dir = freshDir();
    const store = new FolderDocumentStore(dir);
    const a = await store.put(PDF, { name: 'a.pdf' });
    const b = await store.put(PDF, { name: 'b.pdf' });
    expect(b.sha256).toBe(a.sha256);
    expect(b.name).toBe('b.pdf');
    expect(readdirSync(path.join(dir, a.sha256.slice(0, 2)))).toEqual([a.sha256]);
  });

  it('refuses what is not a PDF, DOCX or ODT with a message, and writes nothing', async () => {
    const dir = freshDir();
    const store = new FolderDocumentStore(dir);
    for (const data of [
      Buffer.from('<html><body>hello</body></html>'),
      Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(200)]),
      Buffer.from('plain text'),
      Buffer.alloc(0),
    ]) {
      await expect(store.put(data, { name: 'ke-hoach.pdf' })).rejects.toThrow(DocumentError);
    }
    await expect(store.put(Buffer.from('plain text'), { name: 'x.pdf' })).rejects.toThrow(
      /không phải văn bản PDF, DOCX hoặc ODT/,
    );
    expect(() => readdirSync(dir)).toThrow();
  });

  it('keeps only the name of an uploaded path, without control characters', async () => {
    const store = new FolderDocumentStore(freshDir());
    expect((await store.put(PDF, { name: '../../etc/passwd' })).name).toBe('passwd');
    expect((await store.put(PDF, { name: 'C:\\Users\\a\\bao\u0000cao.pdf' })).name).toBe('baocao.pdf');
    expect((await store.put(PDF, { name: '' })).name).toBe('tai-lieu.pdf');
  });

  it('has nothing under an unknown or malformed hash', async () => {
    const store = new FolderDocumentStore(freshDir());
    expect(await store.get('0'.repeat(64))).toBeUndefined();
    expect(await store.get('../../etc/passwd')).toBeUndefined();
    expect(await store.get('A'.repeat(64))).toBeUndefined();
  });

  it('lives at DONDOC_DOCUMENTS_DIR, else in the data folder', () => {
    expect(documentsDirOf({ DONDOC_DOCUMENTS_DIR: '/srv/docs' })).toBe('/srv/docs');
    expect(documentsDirOf({ DONDOC_DATA_DIR: '/srv/dondoc' })).toBe('/srv/dondoc/documents');
  });
});
