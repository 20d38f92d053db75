// A string someone typed (a campaign file, a plan document, a form), made safe to print on a terminal: NFC,
// line breaks and tabs as spaces, and no control or format characters (escape sequences, backspaces, bidi
// overrides and isolates, zero-width characters), so a name can neither drive the terminal nor reorder a line.
const CONTROL = /[\p{Cc}\p{Cf}]/gu;

export function printable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\n\r\t\v\f]/g, ' ')
    .replace(CONTROL, '');
}
