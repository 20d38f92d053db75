// A string someone typed (a campaign file, a plan document, a form, `--by`, `--reason`, `--note`), made safe to
// print on a terminal: NFC, line breaks and tabs as spaces, whole escape sequences removed (CSI `ESC [ … m`,
// OSC `ESC ] 52 ; c ; … BEL` that would write the clipboard, DCS/SOS/PM/APC strings, their one-byte C1 forms),
// then every other control or format character (C0, DEL, C1, bidi overrides and isolates, zero-width
// characters), so a name can neither drive the terminal nor reorder a line. Pure.

/** OSC, DCS, SOS, PM and APC strings: introducer, body, ended by BEL or ST (ESC \ or 0x9C), or by the end. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
const STRING_SEQUENCE = /(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?/g;
/** CSI: ESC [ or 0x9B, parameter and intermediate bytes, a final byte. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
const CSI = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?/g;
/** Any other escape: ESC, intermediate bytes, one final character. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
const ESCAPE = /\x1b[\x20-\x2f]*[\x30-\x7e]?/g;
/** Line and paragraph breaks of every kind (CR, LF, VT, FF, NEL, U+2028, U+2029) and tabs. */
const BREAKS = /[\n\r\t\v\f\x85\u2028\u2029]/g;
/** Control (C0, DEL, C1) and format characters (bidi controls, zero-width, soft hyphen, interlinear annotation). */
const CONTROL = /[\p{Cc}\p{Cf}]/gu;

/** The text without its terminal escape sequences, whole (what they would do, not just their ESC). */
export function withoutEscapes(text: string): string {
  return text.replace(STRING_SEQUENCE, '').replace(CSI, '').replace(ESCAPE, '');
}

export function printable(text: string): string {
  return withoutEscapes(text.normalize('NFC')).replace(BREAKS, ' ').replace(CONTROL, '');
}

/** Each line of a text made printable on its own: the line breaks between them are kept. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

/**
 * Characters JSON may carry raw but a terminal must not see raw: DEL, C1 (0x9B is a CSI on some terminals),
 * bidi controls, line/paragraph separators. JSON.stringify escapes only C0.
 */
const JSON_UNSAFE = /[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/**
 * JSON text as JSON.stringify writes it, with the characters above written as \uXXXX escapes: the same value
 * once parsed (nothing stripped), safe to print on a terminal.
 */
export function terminalJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(
    JSON_UNSAFE,
    (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}
