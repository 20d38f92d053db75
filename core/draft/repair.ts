// Vietnamese as PDF text extraction leaves it: "ı̉" for "ỉ" (a dotless i and a combining hook), a space inside a
// syllable after a stacked diacritic ("chố ng", "cầ u"), a space lost after a hook above ("Chủtịch", "quả8"),
// a space before a comma. Mended with what a Vietnamese syllable can be; words without a Vietnamese letter and
// words in capitals are left alone, and line breaks stay where they are. Pure.

// A syllable: an initial consonant, a vowel nucleus (as written without marks) and a final consonant.
const NUCLEI =
  'a|e|i|o|u|y|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ya|ye|ieu|oai|oao|oay|oeo|uay|uoi|uou|uya|uye|uyu|yeu';
const SYLLABLE = new RegExp(
  `^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?(?:${NUCLEI})(?:ch|ng|nh|[cmnpt])?$`,
  'u',
);
/** What a PDF splits off a syllable after a stacked vowel: a final consonant, or one closing vowel. */
const TAIL = /^(?:[iuyo]|ch|ng|nh|[cmnpt])$/u;

function plain(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/gu, 'd').toLowerCase();
}

/** Whether a word can be one Vietnamese syllable ("nghiệp", "Đảng"; not "Chủtịch", not "ng"). */
export function isSyllable(word: string): boolean {
  return SYLLABLE.test(plain(word));
}

/** A vowel whose marks a PDF font draws apart: two marks stacked ("ố", "ử") or a hook above ("ủ"). */
function stacked(ch: string): boolean {
  const marks = ch.normalize('NFD').replace(/\P{M}/gu, '');
  return marks.length >= 2 || marks.includes('\u0309');
}

/** "chố ng" → "chống", "cầ u" → "cầu": a syllable's tail split off after a stacked vowel. */
function join(text: string): string {
  return text.replace(
    /([\p{L}\p{M}]+) ([a-z]{1,4})(?![\p{L}\p{M}\d])/gu,
    (whole, before: string, tail: string) => {
      const last = [...before.normalize('NFC')].pop() ?? '';
      if (!stacked(last) || !TAIL.test(tail)) return whole;
      if (isSyllable(before + tail)) return `${before}${tail}`;
      const apart = split(before + tail); // "chủyế u": "chủ yếu"
      return apart.includes(' ') ? apart : whole;
    },
  );
}

/** "Chủtịch" → "Chủ tịch": a word that is two syllables run together, split after the first. */
function split(word: string): string {
  if (isSyllable(word) || !/[^\p{ASCII}]/u.test(word) || word === word.toUpperCase()) return word;
  const chars = [...word];
  for (let i = 1; i < chars.length; i++) {
    const left = chars.slice(0, i).join('');
    const right = chars.slice(i).join('');
    if (/[aeiouy]$/u.test(plain(left)) && isSyllable(left) && isSyllable(right)) return `${left} ${right}`;
  }
  return word;
}

/** The text of a PDF with its Vietnamese mended. */
export function repairPdfText(text: string): string {
  const nfc = text
    .replace(/ı(?=\p{M})/gu, 'i')
    .replace(/ȷ(?=\p{M})/gu, 'j')
    .normalize('NFC');
  // Split first ("Thủtrưở ng" → "Thủ trưở ng"), join ("trưởng"), split what joining made ("chủyếu").
  return join(nfc.replace(/[\p{L}\p{M}]+/gu, split))
    .replace(/[\p{L}\p{M}]+/gu, split)
    .replace(/(\p{L})(?=[\d(])/gu, (ch: string) => (stacked(ch) ? `${ch} ` : ch))
    .replace(/(?<=[\p{L}\p{M}]) +(?=[,;](?:\s|$))/gu, '');
}
