// Numbers as people write them, in Vietnamese or English: the portal's forms and lists and the CLI's submission
// CSVs read them the same way. Pure.

export type NumberLang = 'vi' | 'en';

/** Digits grouped by `sep` in threes ("1.000.000"): the digits, else undefined. */
function grouped(s: string, sep: string): string | undefined {
  const parts = s.split(sep);
  if (parts.length < 2) return undefined;
  const [head, ...rest] = parts;
  if (!head || !/^\d{1,3}$/.test(head) || !rest.every((p) => /^\d{3}$/.test(p))) return undefined;
  return parts.join('');
}

/**
 * A number as people write it: Vietnamese "1.000" (a thousand), "1.000.000", "1,5" (one and a half),
 * "12.345,6"; English "1,000", "1.5", "12,345.6"; spaces between digit groups ignored. A lone separator that
 * cannot be a thousands separator ("1.5" in Vietnamese) is read as the decimal point. Undefined when it is
 * not a number.
 */
export function parseNumber(text: string, lang: NumberLang): number | undefined {
  let s = text.replace(/[\s\u00a0\u202f]/g, '');
  let sign = '';
  if (/^[-+−]/.test(s)) {
    sign = s[0] === '+' ? '' : '-';
    s = s.slice(1);
  }
  if (s === '' || !/^[\d.,]+$/.test(s) || !/\d/.test(s)) return undefined;
  const [decimal, group] = lang === 'en' ? ['.', ','] : [',', '.'];
  const hasDecimal = s.includes(decimal);
  const hasGroup = s.includes(group);
  let plain: string | undefined;
  if (hasDecimal && hasGroup) {
    // Both: the last one is the decimal separator, whichever it is.
    const last = s.lastIndexOf(decimal) > s.lastIndexOf(group) ? decimal : group;
    const other = last === decimal ? group : decimal;
    const at = s.lastIndexOf(last);
    const int = s.slice(0, at);
    const frac = s.slice(at + 1);
    const digits = int.includes(other) ? grouped(int, other) : /^\d+$/.test(int) ? int : undefined;
    plain = digits !== undefined && /^\d+$/.test(frac) ? `${digits}.${frac}` : undefined;
  } else if (hasGroup) {
    plain = grouped(s, group) ?? (s.split(group).length === 2 ? s.replace(group, '.') : undefined);
  } else if (hasDecimal) {
    plain = s.split(decimal).length === 2 ? s.replace(decimal, '.') : grouped(s, decimal);
  } else {
    plain = s;
  }
  if (plain === undefined || !/^\d*\.?\d+$|^\d+\.?\d*$/.test(plain)) return undefined;
  const n = Number(`${sign}${plain}`);
  return Number.isFinite(n) ? (Object.is(n, -0) ? 0 : n) : undefined;
}
