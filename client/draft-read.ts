// The text of the plan an office signed, whatever it came as: DOCX (mammoth), PDF with a text layer (unpdf, an
// ES module loaded with import()), or plain text. Every failure is a clear Vietnamese error naming the file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
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

const FORMAT_NAME: Record<PlanFormat, string> = { docx: 'DOCX', pdf: 'PDF', txt: 'văn bản' };

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

async function readBytes(file: string, shown: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw rejected(`không tìm thấy tệp ${shown}`);
    if (code === 'EISDIR') throw rejected(`${shown} là một thư mục, không phải tệp kế hoạch`);
    throw rejected(`không đọc được tệp ${shown} (${code ?? String(err)})`);
  }
}

function reason(err: unknown): string {
  return printable(err instanceof Error ? err.message : String(err)).slice(0, 200);
}

async function docxText(bytes: Buffer, shown: string): Promise<string> {
  const mammoth = await import('mammoth');
  try {
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    // mammoth ends each paragraph with a blank line: one paragraph, one line (line numbers are paragraphs).
    return value.replace(/\r\n?/g, '\n').replace(/\n\n/g, '\n');
  } catch (err) {
    throw rejected(
      `không đọc được ${shown} như một tệp DOCX (tệp hỏng hoặc không phải DOCX): ${reason(err)}`,
    );
  }
}

async function pdfText(bytes: Buffer, shown: string): Promise<{ text: string; pages: number }> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    const { text, totalPages } = await extractText(pdf, { mergePages: true });
    await pdf.loadingTask.destroy();
    // PDF fonts draw Vietnamese marks apart: "Chı̉ đạo", "chố ng", "Chủtịch" are mended (repair.ts).
    return { text: repairPdfText(text), pages: totalPages };
  } catch (err) {
    throw rejected(
      `không đọc được ${shown} như một tệp PDF (tệp hỏng, có mật khẩu hoặc không phải PDF): ${reason(err)}`,
    );
  }
}

function plainText(bytes: Buffer, shown: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw rejected(
      `${shown} không phải văn bản UTF-8, DOCX hay PDF: lưu kế hoạch thành .docx, .pdf hoặc .txt (UTF-8)`,
    );
  }
}

/** The plan's text (NFC, control characters removed) and what it was read as. */
export async function readPlanFile(file: string): Promise<PlanText> {
  const shown = printable(file);
  const bytes = await readBytes(file, shown);
  const format = formatOf(file, bytes);
  if (format === 'doc') {
    throw rejected(`${shown} là tệp Word cũ (.doc), dondoc không đọc được: lưu lại thành .docx hoặc .pdf`);
  }
  let raw: string;
  let pages: number | undefined;
  if (format === 'docx') raw = await docxText(bytes, shown);
  else if (format === 'pdf') ({ text: raw, pages } = await pdfText(bytes, shown));
  else raw = plainText(bytes, shown);
  const text = normaliseText(raw);
  if (text.trim() === '') {
    const scanned =
      format === 'pdf' ? ' (có thể là bản quét ảnh, không có lớp chữ: cần PDF có chữ hoặc DOCX)' : '';
    throw rejected(`${shown} (${FORMAT_NAME[format]}) không có chữ nào${scanned}`);
  }
  return { text, format, ...(pages === undefined ? {} : { pages }) };
}
