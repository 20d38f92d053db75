// The text of the plan an office signed, whatever it came as: DOCX (mammoth), PDF with a text layer (unpdf, an
// ES module loaded with import()), or plain text. Every failure is a clear error naming the file, in Vietnamese or,
// with `lang` 'en' (`dondoc draft --lang en`), in English.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Lang } from '../core/definition/messages';
import { repairPdfText } from '../core/draft/repair';
import { normaliseText } from '../core/draft/text';
import { printable } from '../core/text/printable';
import { rejected } from './errors';

export type PlanFormat = 'docx' | 'pdf' | 'txt';

export interface PlanText {
  text: string;
  format: PlanFormat;
  /** PDF only. */
  pages?: number;
}

const FORMAT_NAME: Record<Lang, Record<PlanFormat, string>> = {
  vi: { docx: 'DOCX', pdf: 'PDF', txt: 'văn bản' },
  en: { docx: 'DOCX', pdf: 'PDF', txt: 'text' },
};

const VI = {
  notFound: (shown: string) => `không tìm thấy tệp ${shown}`,
  folder: (shown: string) => `${shown} là một thư mục, không phải tệp kế hoạch`,
  unreadable: (shown: string, code: string) => `không đọc được tệp ${shown} (${code})`,
  badDocx: (shown: string, why: string) =>
    `không đọc được ${shown} như một tệp DOCX (tệp hỏng hoặc không phải DOCX): ${why}`,
  badPdf: (shown: string, why: string) =>
    `không đọc được ${shown} như một tệp PDF (tệp hỏng, có mật khẩu hoặc không phải PDF): ${why}`,
  notText: (shown: string) =>
    `${shown} không phải văn bản UTF-8, DOCX hay PDF: lưu kế hoạch thành .docx, .pdf hoặc .txt (UTF-8)`,
  oldWord: (shown: string) =>
    `${shown} là tệp Word cũ (.doc), dondoc không đọc được: lưu lại thành .docx hoặc .pdf`,
  empty: (shown: string, format: string) => `${shown} (${format}) không có chữ nào`,
  scanned: ' (có thể là bản quét ảnh, không có lớp chữ: cần PDF có chữ hoặc DOCX)',
};

/** What readPlanFile says when it cannot read a plan, `shown` its file name as printed. */
const SAYS: Record<Lang, typeof VI> = {
  vi: VI,
  en: {
    notFound: (shown: string) => `file not found: ${shown}`,
    folder: (shown: string) => `${shown} is a folder, not a plan file`,
    unreadable: (shown: string, code: string) => `cannot read the file ${shown} (${code})`,
    badDocx: (shown: string, why: string) =>
      `cannot read ${shown} as a DOCX file (damaged, or not a DOCX file): ${why}`,
    badPdf: (shown: string, why: string) =>
      `cannot read ${shown} as a PDF file (damaged, password-protected, or not a PDF file): ${why}`,
    notText: (shown: string) =>
      `${shown} is not UTF-8 text, DOCX or PDF: save the plan as .docx, .pdf or .txt (UTF-8)`,
    oldWord: (shown: string) =>
      `${shown} is an old Word file (.doc), which dondoc cannot read: save it as .docx or .pdf`,
    empty: (shown: string, format: string) => `${shown} (${format}) has no text`,
    scanned: ' (perhaps a scanned image without a text layer: a PDF with text, or a DOCX, is needed)',
  },
};

function formatOf(file: string, bytes: Buffer): PlanFormat | 'doc' {
  const ext = path.extname(file).toLowerCase();
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'docx';
  if (bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
    return 'doc';
  if (ext === '.pdf') return 'pdf';
  if (ext === '.docx') return 'docx';
  return 'txt';
}

async function readBytes(file: string, shown: string, lang: Lang): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw rejected(SAYS[lang].notFound(shown));
    if (code === 'EISDIR') throw rejected(SAYS[lang].folder(shown));
    throw rejected(SAYS[lang].unreadable(shown, code ?? String(err)));
  }
}

function reason(err: unknown): string {
  return printable(err instanceof Error ? err.message : String(err)).slice(0, 200);
}

async function docxText(bytes: Buffer, shown: string, lang: Lang): Promise<string> {
  const mammoth = await import('mammoth');
  try {
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    // mammoth ends each paragraph with a blank line: one paragraph, one line (line numbers are paragraphs).
    return value.replace(/\r\n?/g, '\n').replace(/\n\n/g, '\n');
  } catch (err) {
    throw rejected(SAYS[lang].badDocx(shown, reason(err)));
  }
}

async function pdfText(bytes: Buffer, shown: string, lang: Lang): Promise<{ text: string; pages: number }> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    const { text, totalPages } = await extractText(pdf, { mergePages: true });
    await pdf.loadingTask.destroy();
    // PDF fonts draw Vietnamese marks apart: "Chı̉ đạo", "chố ng", "Chủtịch" are mended (repair.ts).
    return { text: repairPdfText(text), pages: totalPages };
  } catch (err) {
    throw rejected(SAYS[lang].badPdf(shown, reason(err)));
  }
}

function plainText(bytes: Buffer, shown: string, lang: Lang): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw rejected(SAYS[lang].notText(shown));
  }
}

/** The plan's text (NFC, control characters removed) and what it was read as; failures worded in `lang`. */
export async function readPlanFile(file: string, lang: Lang = 'vi'): Promise<PlanText> {
  const shown = printable(file);
  const says = SAYS[lang];
  const bytes = await readBytes(file, shown, lang);
  const format = formatOf(file, bytes);
  if (format === 'doc') throw rejected(says.oldWord(shown));
  let raw: string;
  let pages: number | undefined;
  if (format === 'docx') raw = await docxText(bytes, shown, lang);
  else if (format === 'pdf') ({ text: raw, pages } = await pdfText(bytes, shown, lang));
  else raw = plainText(bytes, shown, lang);
  const text = normaliseText(raw);
  if (text.trim() === '') {
    const scanned = format === 'pdf' ? says.scanned : '';
    throw rejected(`${says.empty(shown, FORMAT_NAME[lang][format])}${scanned}`);
  }
  return { text, format, ...(pages === undefined ? {} : { pages }) };
}
