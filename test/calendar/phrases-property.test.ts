// Property: a valid date (window, time) written in any supported form, in NFC or NFD, in any case and with any
// spacing, reads back as the spec it was written from; inside a sentence, the scanner finds exactly it.
import fc from 'fast-check';
import { findDatePhrases } from '../../core/calendar/phrase-scan';
import { checkDue, checkWindow, type DueSpec, type WindowSpec } from '../../core/calendar/phrases';

const pad = (n: number) => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;
const FIRST = Date.UTC(1900, 0, 1) / DAY_MS;
const LAST = Date.UTC(2200, 11, 31) / DAY_MS;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

const iso = ({ y, m, d }: Ymd) => `${y}-${pad(m)}-${pad(d)}`;
const fromDay = (day: number): Ymd => {
  const t = new Date(day * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};

const dayArb = fc.integer({ min: FIRST, max: LAST });
const dateArb = dayArb.map(fromDay);
const timeArb = fc.record({ h: fc.integer({ min: 0, max: 23 }), min: fc.integer({ min: 0, max: 59 }) });

/** How a date is written: with its year in one of the notations, or without (the context gives it). */
type DateForm = 'dmy' | 'dmyy' | 'iso' | 'words' | 'dm' | 'dm-words';
const DATE_FORMS: DateForm[] = ['dmy', 'dmyy', 'iso', 'words', 'dm', 'dm-words'];

function writeDate(t: Ymd, form: DateForm, padDay: boolean, padMonth: boolean): string {
  const d = padDay ? pad(t.d) : String(t.d);
  const m = padMonth ? pad(t.m) : String(t.m);
  switch (form) {
    case 'dmy':
      return `${d}/${m}/${t.y}`;
    case 'dmyy':
      return t.y >= 2000 && t.y <= 2099 ? `${d}/${m}/${pad(t.y % 100)}` : `${d}/${m}/${t.y}`;
    case 'iso':
      return iso(t);
    case 'words':
      return `${d} tháng ${m} năm ${t.y}`;
    case 'dm':
      return `${d}/${m}`;
    case 'dm-words':
      return `${d} tháng ${m}`;
  }
}

const writtenDateArb = (t: Ymd) =>
  fc
    .tuple(fc.constantFrom(...DATE_FORMS), fc.boolean(), fc.boolean())
    .map(([form, pd, pm]) => writeDate(t, form, pd, pm));

function writeTime(h: number, min: number, form: number): string {
  const forms = [
    `${h}h${pad(min)}`,
    `${pad(h)}:${pad(min)}`,
    `${h} giờ ${pad(min)}`,
    `${h} giờ ${pad(min)} phút`,
    min === 0 ? `${h}h` : `${h}h${pad(min)}`,
    min === 0 ? `${h} giờ` : `${h}:${pad(min)}`,
  ];
  return forms[form % forms.length] ?? '';
}

/** A phrase, what it means, and whether the scanner must find it (a bare date is not a deadline in prose). */
interface Case<T> {
  text: string;
  spec: T;
  year: number;
  scannable: boolean;
}

const BEFORE_LEADS = ['trước ngày ', 'trước ', 'hoàn thành trước ', 'hoàn thành trước ngày ', ''];
const END_LEADS = [
  'chậm nhất ngày ',
  'chậm nhất là ngày ',
  'chậm nhất ',
  'hết ngày ',
  'đến hết ngày ',
  'hạn nộp: ',
];
const AT_LEADS = ['trước ', 'chậm nhất ', ''];

const dueCaseArb: fc.Arbitrary<Case<DueSpec>> = fc.oneof(
  fc
    .tuple(
      dateArb.chain((t) => fc.tuple(fc.constant(t), writtenDateArb(t))),
      fc.constantFrom(...BEFORE_LEADS),
    )
    .map(([[t, date], lead]) => ({
      text: `${lead}${date}`,
      spec: { kind: 'before' as const, date: iso(t) },
      year: t.y,
      scannable: lead !== '',
    })),
  fc
    .tuple(
      dateArb.chain((t) => fc.tuple(fc.constant(t), writtenDateArb(t))),
      fc.constantFrom(...END_LEADS),
    )
    .map(([[t, date], lead]) => ({
      text: `${lead}${date}`,
      spec: { kind: 'end-of' as const, date: iso(t) },
      year: t.y,
      scannable: true,
    })),
  fc
    .tuple(
      dateArb.chain((t) => fc.tuple(fc.constant(t), writtenDateArb(t))),
      timeArb,
      fc.nat(),
      fc.constantFrom(...AT_LEADS),
      fc.constantFrom(' ngày ', ' ', ', ngày '),
    )
    .map(([[t, date], { h, min }, form, lead, on]) => ({
      text: `${lead}${writeTime(h, min, form)}${on}${date}`,
      spec: { kind: 'at' as const, date: iso(t), time: `${pad(h)}:${pad(min)}` },
      year: t.y,
      scannable: lead !== '',
    })),
  fc
    .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.nat({ max: 3 }))
    .map(([y, m, form]) => {
      const written = [`${m}/${y}`, `${m} năm ${y}`, `${pad(m)}/${pad(y % 100)}`, `${m}`][form];
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      return {
        text: `trong tháng ${written}`,
        spec: { kind: 'end-of' as const, date: iso({ y, m, d: last }) },
        year: y,
        scannable: true,
      };
    }),
);

/** Two days in order and how the window writes them; the start's year (and month) may be left to the end. */
const windowCaseArb: fc.Arbitrary<Case<WindowSpec>> = fc
  .tuple(dayArb, fc.nat({ max: 400 }), fc.boolean(), timeArb, timeArb)
  .chain(([day, length, timed, t1, t2]) => {
    const from = fromDay(day);
    const to = fromDay(Math.min(day + length, LAST));
    const sameYear = from.y === to.y;
    const withTimes = timed && length > 0 && day + length <= LAST;
    return fc
      .tuple(
        fc.constantFrom('từ ngày ', 'từ '),
        fc.constantFrom(' đến hết ngày ', ' đến ngày ', ' đến ', ' - ', ' đến hết '),
        fc.constantFrom(...(sameYear ? ['both', 'end', 'none', 'day'] : ['both'])),
        fc.constantFrom<DateForm>('dmy', 'dmyy', 'iso', 'words'),
        fc.boolean(),
      )
      .map(([lead, connector, years, endForm, padDay]) => {
        const sameMonth = sameYear && from.m === to.m;
        const start =
          years === 'both'
            ? writeDate(from, 'dmy', padDay, padDay)
            : years === 'day' && sameMonth && !withTimes
              ? padDay
                ? pad(from.d)
                : String(from.d)
              : writeDate(from, 'dm', padDay, !padDay);
        const end =
          years === 'none' ? writeDate(to, 'dm', padDay, padDay) : writeDate(to, endForm, padDay, padDay);
        const at = (t: { h: number; min: number }, date: string) =>
          withTimes ? `${writeTime(t.h, t.min, 0)} ngày ${date}` : date;
        const spec: WindowSpec = { from: iso(from), to: iso(to) };
        if (withTimes)
          Object.assign(spec, {
            fromTime: `${pad(t1.h)}:${pad(t1.min)}`,
            toTime: `${pad(t2.h)}:${pad(t2.min)}`,
          });
        return {
          text: `${lead}${at(t1, start)}${connector}${at(t2, end)}`,
          spec,
          year: to.y,
          scannable: true,
        };
      });
  });

/** Random case, random spacing (tabs, line breaks, no-break spaces), NFC or NFD. */
const disguiseArb = (text: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }),
      fc.array(fc.constantFrom(' ', '  ', '\t', ' \n', '\u00a0', ' \n\n '), {
        minLength: text.length,
        maxLength: text.length,
      }),
      fc.constantFrom<'NFC' | 'NFD'>('NFC', 'NFD'),
    )
    .map(([upper, spaces, form]) =>
      [...text]
        .map((ch, i) => (ch === ' ' ? spaces[i] : upper[i] ? ch.toUpperCase() : ch))
        .join('')
        .normalize(form),
    );

// Spaces collapse and NFD letters compose when the scanner reads: offsets must still point into the input.
const PREFIX = 'Các  đơn vị\ngửi BÁO CÁO về Công an tỉnh ';
const SUFFIX = ' để tổng hợp.';

describe('a phrase written any supported way reads back as what it says', () => {
  it('due dates', () => {
    fc.assert(
      fc.property(
        dueCaseArb.chain((c) => fc.tuple(fc.constant(c), disguiseArb(c.text))),
        ([c, written]) => {
          expect(checkDue(written, { year: c.year })).toEqual({ ok: true, value: c.spec });
          if (!c.scannable) return;
          const form = written === written.normalize('NFC') ? 'NFC' : 'NFD';
          const prefix = PREFIX.normalize(form);
          const found = findDatePhrases(`${prefix}${written}${SUFFIX.normalize(form)}`, { year: c.year });
          expect(found).toEqual([
            { text: written, index: prefix.length, result: { kind: 'due', due: c.spec } },
          ]);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('windows', () => {
    fc.assert(
      fc.property(
        windowCaseArb.chain((c) => fc.tuple(fc.constant(c), disguiseArb(c.text))),
        ([c, written]) => {
          expect(checkWindow(written, { year: c.year })).toEqual({ ok: true, value: c.spec });
          const form = written === written.normalize('NFC') ? 'NFC' : 'NFD';
          const prefix = PREFIX.normalize(form);
          const found = findDatePhrases(`${prefix}${written}${SUFFIX.normalize(form)}`, { year: c.year });
          expect(found).toEqual([
            { text: written, index: prefix.length, result: { kind: 'window', window: c.spec } },
          ]);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
