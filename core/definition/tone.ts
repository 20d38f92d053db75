// Vietnamese tone marks written in the old place or the new one ("hòa" or "hoà", "thủy" or "thuỷ") are the same
// word: `toneKey` writes both the same way, so that ids differing only so are seen as one. Pure.

/** The five combining tone marks: grave, acute, tilde, hook above, dot below. */
const TONE = '[\u0300\u0301\u0303\u0309\u0323]';
/** oa, oe, uy with the tone on the first vowel (old style): moved onto the second (new style). */
const OLD_STYLE = new RegExp(`([oOuU])(${TONE})([aAeEyY])`, 'gu');

/** The text in NFC with tone marks in one place (the new style): equal for old- and new-style spellings. */
export function toneKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(OLD_STYLE, (all, v1: string, tone: string, v2: string) => {
      const pair = `${v1}${v2}`.toLowerCase();
      return pair === 'oa' || pair === 'oe' || pair === 'uy' ? `${v1}${v2}${tone}` : all;
    })
    .normalize('NFC');
}
