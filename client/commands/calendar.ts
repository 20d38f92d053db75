// `dondoc calendar <year>`: the year's working calendar, as the engine computes deadlines with it: every
// weekday off and every weekend day worked, why, and whether it comes from the Government's announcements
// (core/calendar/announced.ts), a campaign file's own dates (--file) or the Labor Code rules computed.
import type { Command } from 'commander';
import { ANNOUNCED_FIRST_YEAR, ANNOUNCED_LAST_YEAR } from '../../core/calendar/announced';
import { formatVnDate } from '../../core/calendar/phrases';
import { type CalendarRules, DEFAULT_CALENDAR_RULES, WorkCalendar } from '../../core/calendar/workdays';
import {
  type CalendarException,
  type DaySource,
  type YearView,
  yearView,
} from '../../core/calendar/year-view';
import { printable } from '../../core/text/printable';
import { rejected } from '../errors';
import { table } from '../format';
import { type Io, type Outcome, runCommand } from '../kit';
import { loadCampaignOrReject } from '../validate-command';

type Lang = 'vi' | 'en';

interface CalendarOptions {
  json?: boolean;
  weekend?: string;
  lang?: string;
  computed?: boolean;
  file?: string;
}

const WEEKDAY_IDS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAYS: Record<Lang, string[]> = {
  vi: ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function parseYear(s: string, lang: Lang): number {
  const year = /^\d{4}$/.test(s.trim()) ? Number(s.trim()) : Number.NaN;
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
    throw rejected(
      lang === 'en'
        ? `not a year: '${printable(s)}' (write 4 digits, from ${MIN_YEAR} to ${MAX_YEAR})`
        : `năm không hợp lệ: '${printable(s)}' (viết 4 chữ số, từ ${MIN_YEAR} đến ${MAX_YEAR})`,
    );
  }
  return year;
}

/** `saturday,sunday`, `6,7` or `none` (no weekly rest day): ISO weekdays. */
export function parseWeekend(s: string): number[] {
  const words = s
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((w) => w !== '');
  if (words.length === 1 && words[0] === 'none') return [];
  const days = words.map((w) => {
    const n = /^[1-7]$/.test(w) ? Number(w) : WEEKDAY_IDS.indexOf(w) + 1;
    if (n < 1) {
      throw rejected(
        `--weekend: '${printable(w)}' không phải là một ngày trong tuần (monday ... sunday, 1 ... 7, hoặc none)`,
      );
    }
    return n;
  });
  if (days.length === 0) throw rejected('--weekend: chưa ghi ngày nào (ví dụ: saturday,sunday)');
  return [...new Set(days)].sort();
}

async function rulesFrom(opts: CalendarOptions): Promise<CalendarRules> {
  let rules: CalendarRules = DEFAULT_CALENDAR_RULES;
  if (opts.file !== undefined) {
    const lang = opts.lang === 'en' || opts.lang === 'vi' ? opts.lang : undefined;
    const campaign = await loadCampaignOrReject(opts.file, lang, (n, l) =>
      l === 'en' ? `${n} error(s) in the campaign file.` : `${n} lỗi trong tệp chiến dịch.`,
    );
    rules = campaign.calendar;
  }
  return {
    ...rules,
    ...(opts.weekend !== undefined ? { weekend: parseWeekend(opts.weekend) } : {}),
    ...(opts.computed ? { announcedTable: false } : {}),
  };
}

const KIND_LABEL: Record<Lang, Record<string, string>> = {
  vi: {
    'new-year': 'Tết Dương lịch',
    tet: 'Tết Nguyên đán',
    'hung-kings': 'Giỗ Tổ Hùng Vương',
    reunification: 'Ngày 30/4',
    labour: 'Ngày 1/5',
    'national-day': 'Quốc khánh',
    adjacent: 'Quốc khánh (ngày liền kề)',
    compensatory: 'nghỉ bù',
    'day-off': 'ngày nghỉ theo thông báo',
    'make-up-working-day': 'ngày làm bù',
  },
  en: {
    'new-year': "New Year's Day",
    tet: 'Tết',
    'hung-kings': "Hùng Kings' Day",
    reunification: '30 April',
    labour: '1 May',
    'national-day': 'National Day',
    adjacent: 'National Day (adjacent day)',
    compensatory: 'compensatory day off',
    'day-off': 'announced day off',
    'make-up-working-day': 'make-up working day',
  },
};

const SOURCE_LABEL: Record<Lang, Record<DaySource, string>> = {
  vi: { announced: 'theo thông báo', rules: 'theo tệp chiến dịch', computed: 'tính theo Bộ luật Lao động' },
  en: { announced: 'announced', rules: 'campaign file', computed: 'computed (Labor Code)' },
};

function reasonLabel(e: CalendarException, lang: Lang): string {
  const labels = KIND_LABEL[lang];
  if (e.reason === 'holiday') return (e.adjacent ? labels.adjacent : labels[e.kind ?? '']) ?? e.reason;
  return labels[e.reason] ?? e.reason;
}

function dayText(e: CalendarException, lang: Lang): string {
  const date = lang === 'vi' ? formatVnDate(e.date) : e.date;
  return `${WEEKDAYS[lang][e.weekday - 1]} ${date}`;
}

/** The Labor Code 2019 (in force from 1 January 2021): public holidays (Art. 112), compensatory days (Art. 111). */
const LABOR_CODE_2019 = { vi: '2019 (Điều 111, 112)', en: '2019 (Art. 111, 112)' };

/** Why the Labor Code rules alone apply to the year, when they do. */
function computedWhy(view: YearView, opts: CalendarOptions, lang: Lang): string {
  const vi = lang === 'vi';
  if (view.table && !view.table.established) return vi ? view.table.note : view.table.noteEn;
  if (!view.table) {
    return vi
      ? `bảng thông báo chỉ có các năm ${ANNOUNCED_FIRST_YEAR}-${ANNOUNCED_LAST_YEAR}`
      : `the announcements table covers ${ANNOUNCED_FIRST_YEAR}-${ANNOUNCED_LAST_YEAR} only`;
  }
  if (opts.computed)
    return vi ? 'bỏ qua bảng thông báo theo tùy chọn --computed' : 'announcements ignored with --computed';
  return vi
    ? 'các thông báo chỉ áp dụng cho nơi nghỉ hằng tuần thứ Bảy và Chủ nhật'
    : 'the announcements are for a Saturday-Sunday weekend only';
}

/** The source of the year's calendar, in words: the first line, then the announcements' references. */
export function sourceLines(view: YearView, opts: CalendarOptions, lang: Lang): string[] {
  const vi = lang === 'vi';
  if (!view.publicHolidays) {
    return [vi ? 'Không tính ngày lễ (publicHolidays: none).' : 'No public holidays (publicHolidays: none).'];
  }
  const code = view.year < 2021 ? { vi: '2012 (Điều 115)', en: '2012 (Art. 115)' } : LABOR_CODE_2019;
  const rest = vi
    ? `các ngày lễ khác tính theo Bộ luật Lao động ${code.vi}`
    : `other holidays computed by the Labor Code ${code.en}`;
  if (view.source === 'rules') {
    const file = printable(opts.file ?? '');
    return [
      vi
        ? `Nguồn: theo tệp chiến dịch ${file} (có ghi ngày của năm ${view.year}, thay cho bảng thông báo); ${rest}.`
        : `Source: the campaign file ${file} (it lists days of ${view.year}, replacing the table); ${rest}.`,
    ];
  }
  if (view.source === 'computed') {
    const why = computedWhy(view, opts, lang);
    return [
      vi
        ? `Nguồn: tính theo Bộ luật Lao động ${LABOR_CODE_2019.vi}: ${why}.`
        : `Source: computed by the Labor Code ${LABOR_CODE_2019.en}: ${why}.`,
    ];
  }
  const a = view.rules.announced;
  const lines = [
    vi ? `Nguồn: theo thông báo của Chính phủ; ${rest}.` : `Source: the Government's announcements; ${rest}.`,
  ];
  for (const s of a?.sources ?? []) lines.push(`  ${vi ? s.occasion : s.occasionEn}: ${s.reference}`);
  const missing = (vi ? a?.notEstablished : a?.notEstablishedEn) ?? [];
  if (missing.length > 0) {
    lines.push(
      vi
        ? `  Chưa xác lập được thông báo cho: ${missing.join('; ')} (tính theo Bộ luật Lao động).`
        : `  Not established: ${missing.join('; ')} (computed by the Labor Code).`,
    );
  }
  return lines;
}

function render(view: YearView, opts: CalendarOptions, lang: Lang): string {
  const vi = lang === 'vi';
  const rest = view.weekend.map((d) => WEEKDAYS[lang][d - 1]).join(', ') || (vi ? 'không có' : 'none');
  const lines = [
    vi
      ? `Lịch làm việc năm ${view.year} (nghỉ hằng tuần: ${rest})`
      : `Working calendar ${view.year} (weekly rest: ${rest})`,
    ...sourceLines(view, opts, lang),
    '',
    vi
      ? `Ngày nghỉ trong tuần và ngày làm việc cuối tuần (${view.exceptions.length}):`
      : `Weekdays off and weekend days worked (${view.exceptions.length}):`,
  ];
  const rows = [vi ? ['Ngày', 'Lý do', 'Tên', 'Nguồn'] : ['Day', 'Reason', 'Name', 'Source']];
  for (const e of view.exceptions) {
    const name = printable(vi ? e.name : e.nameEn);
    const state = e.working ? (vi ? 'làm việc' : 'working') : vi ? 'nghỉ' : 'off';
    rows.push([`${dayText(e, lang)} (${state})`, reasonLabel(e, lang), name, SOURCE_LABEL[lang][e.source]]);
  }
  if (view.exceptions.length > 0) lines.push(table(rows));
  lines.push('', vi ? 'Số ngày làm việc theo tháng:' : 'Working days per month:');
  lines.push(
    table([
      [vi ? 'Tháng' : 'Month', ...view.months.map((m) => String(m.month))],
      [vi ? 'Ngày' : 'Days', ...view.months.map((m) => String(m.workingDays))],
    ]),
  );
  lines.push(
    vi ? `Cả năm: ${view.workingDays} ngày làm việc.` : `Whole year: ${view.workingDays} working days.`,
  );
  return lines.join('\n');
}

function json(view: YearView, opts: CalendarOptions, lang: Lang) {
  const a = view.rules.announced;
  return {
    ok: true,
    year: view.year,
    weekend: view.weekend.map((d) => WEEKDAY_IDS[d - 1]),
    publicHolidays: view.publicHolidays ? 'vn' : 'none',
    source: view.source,
    sourceText: sourceLines(view, opts, lang)[0],
    ...(opts.file !== undefined ? { file: opts.file } : {}),
    references: a?.sources ?? [],
    notEstablished: a?.notEstablished ?? [],
    days: view.exceptions,
    months: view.months,
    workingDays: view.workingDays,
  };
}

async function calendar(yearText: string, opts: CalendarOptions): Promise<Outcome> {
  const lang: Lang = opts.lang === 'en' ? 'en' : 'vi';
  if (opts.lang !== undefined && opts.lang !== 'vi' && opts.lang !== 'en') {
    throw rejected(`--lang: '${printable(opts.lang)}' không hỗ trợ (vi hoặc en)`);
  }
  const year = parseYear(yearText, lang);
  const rules = await rulesFrom(opts);
  const view = yearView(new WorkCalendar(rules), year, rules.weekend, rules.publicHolidays === 'vn');
  return { json: json(view, opts, lang), text: render(view, opts, lang) };
}

export function registerCalendar(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('calendar')
    .description(
      'lịch làm việc của một năm: ngày lễ, Tết, ngày nghỉ hoán đổi, ngày làm bù (theo thông báo hoặc tính theo Bộ luật Lao động)',
    )
    .argument('<year>', 'năm, ví dụ 2024')
    .option('--weekend <days>', 'ngày nghỉ hằng tuần, ví dụ saturday,sunday (mặc định), sunday, none')
    .option('--file <campaign>', 'dùng mục calendar của tệp chiến dịch này')
    .option('--computed', 'bỏ qua bảng thông báo của Chính phủ: chỉ tính theo Bộ luật Lao động')
    .option('--lang <lang>', 'ngôn ngữ: vi (mặc định) hoặc en')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (year: string, opts: CalendarOptions) => {
      const lang = opts.lang === 'en' ? 'en' : 'vi';
      setExit(await runCommand({ io, json: Boolean(opts.json), lang, body: () => calendar(year, opts) }));
    });
}
