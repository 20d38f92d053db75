// Reads a file dondoc is given (a campaign file, its units CSV) with care: a regular file only (never a device or
// pipe that could hang), no larger than MAX_INPUT_BYTES, in UTF-8 (a UTF-8 BOM is dropped; UTF-16/32 or bytes that
// are not UTF-8, e.g. Windows-1258, are refused by name), and normalised to Unicode NFC so that the same text typed
// with composed or decomposed accents (NFC/NFD) reads the same.
import { readFile, stat } from 'node:fs/promises';
import { HOSTILE } from './hostile-messages';
import type { DefinitionIssue } from './issues';
import { MAX_INPUT_BYTES } from './limits';
import { FILE, type Lang } from './messages';

const BOMS: { bytes: number[]; name: string }[] = [
  { bytes: [0x00, 0x00, 0xfe, 0xff], name: 'UTF-32 BE' },
  { bytes: [0xff, 0xfe, 0x00, 0x00], name: 'UTF-32 LE' },
  { bytes: [0xfe, 0xff], name: 'UTF-16 BE' },
  { bytes: [0xff, 0xfe], name: 'UTF-16 LE' },
];

/** The text of UTF-8 bytes (BOM dropped, NFC), or why they are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { notUtf8: string } {
  for (const bom of BOMS) {
    if (bom.bytes.every((b, i) => bytes[i] === b)) return { notUtf8: bom.name };
  }
  // UTF-16 without a BOM: ASCII text with every other byte zero.
  if (bytes.length >= 2 && (bytes[0] === 0 || bytes[1] === 0)) return { notUtf8: 'UTF-16' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text: text.normalize('NFC') };
  } catch {
    return { notUtf8: 'Windows-1258, Latin-1…' };
  }
}

function issue(display: string, code: string, message: string): DefinitionIssue {
  return { file: display, path: [], subject: 'file', code, message };
}

/** The file's text, or the issue that stops it; `display` names it in the issue. */
export async function readInput(
  file: string,
  display: string,
  lang: Lang,
): Promise<string | DefinitionIssue> {
  try {
    const st = await stat(file);
    if (!st.isFile()) return issue(display, 'file_not_regular', HOSTILE.notRegular[lang]);
    if (st.size > MAX_INPUT_BYTES) {
      return issue(display, 'file_too_large', HOSTILE.tooLarge(st.size, MAX_INPUT_BYTES)[lang]);
    }
    const bytes = await readFile(file);
    if (bytes.length > MAX_INPUT_BYTES) {
      return issue(display, 'file_too_large', HOSTILE.tooLarge(bytes.length, MAX_INPUT_BYTES)[lang]);
    }
    const decoded = decodeUtf8(bytes);
    if ('notUtf8' in decoded) return issue(display, 'not_utf8', HOSTILE.notUtf8(decoded.notUtf8)[lang]);
    return decoded.text;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return issue(
      display,
      code === 'ENOENT' ? 'file_not_found' : 'file_unreadable',
      (code === 'ENOENT' ? FILE.notFound : FILE.unreadable(code ?? String(err)))[lang],
    );
  }
}
