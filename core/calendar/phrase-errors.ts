// Why phrases.ts refuses a phrase, in Vietnamese (`error`, dondoc's default language) and English (`errorEn`).
// Each reason names the phrase, the date, the month or the time at fault, as written.

/** A reason in both languages: [Vietnamese, English]. */
export type Why = readonly [vi: string, en: string];

const MONTH_EN = 'January February March April May June July August September October November December';
const monthEn = (m: number): string => MONTH_EN.split(' ')[m - 1] ?? `month ${m}`;
const DUE_EXAMPLES = '"trước ngày 20/5/2024", "chậm nhất ngày 15/6/2024", "trước 17h00 ngày 15/6/2024"';
const WINDOW_EXAMPLE = '"từ ngày 01/8/2024 đến hết ngày 19/8/2024"';

export const WHY = {
  noMonth: (m: number): Why => [`không có tháng ${m}`, `there is no month ${m}`],
  noDay: (d: number): Why => [`không có ngày ${d}`, `there is no day ${d}`],
  /** "tháng 4 chỉ có 30 ngày", "tháng 2 năm 2023 chỉ có 28 ngày" (the year only for February). */
  monthHas: (m: number, max: number, year?: number): Why => [
    `tháng ${m}${year === undefined ? '' : ` năm ${year}`} chỉ có ${max} ngày`,
    `${monthEn(m)}${year === undefined ? '' : ` ${year}`} has ${max} days`,
  ],
  noSuchDate: (written: string, [vi, en]: Why): Why => [
    `ngày "${written}" không tồn tại (${vi})`,
    `date "${written}" does not exist (${en})`,
  ],
  dateWithoutYear: (written: string): Why => [
    `ngày "${written}" thiếu năm (hãy ghi đủ ngày/tháng/năm)`,
    `date "${written}" has no year (write the day, month and year)`,
  ],
  dateYearOutside: (written: string, y: number, range: string): Why => [
    `ngày "${written}": năm ${y} nằm ngoài khoảng ${range}`,
    `date "${written}": year ${y} is outside ${range}`,
  ],
  noSuchMonth: (written: string, m: number): Why => [
    `tháng "${written}" không tồn tại (không có tháng ${m})`,
    `month "${written}" does not exist (there is no month ${m})`,
  ],
  monthWithoutYear: (written: string): Why => [
    `tháng "${written}" thiếu năm (hãy ghi đủ tháng/năm)`,
    `month "${written}" has no year (write the month and year)`,
  ],
  monthYearOutside: (written: string, y: number, range: string): Why => [
    `tháng "${written}": năm ${y} nằm ngoài khoảng ${range}`,
    `month "${written}": year ${y} is outside ${range}`,
  ],
  badTime: (token: string): Why => [
    `giờ "${token}" không hợp lệ (giờ từ 0 đến 23, phút từ 0 đến 59)`,
    `time "${token}" is not valid (hours 0 to 23, minutes 0 to 59)`,
  ],
  timeCannotOpen: (token: string): Why => [
    `giờ "${token}" không thể mở đầu`,
    `time "${token}" cannot open a window`,
  ],
  /** A window's ends as shown: `time` (HH:mm) if any, then the date as dd/mm/yyyy. */
  reversed: (to: { date: string; time?: string }, from: { date: string; time?: string }): Why => {
    const show = (on: string, e: { date: string; time?: string }) =>
      [e.time, e.date].filter(Boolean).join(on);
    return [
      `khoảng thời gian kết thúc (${show(' ngày ', to)}) trước khi bắt đầu (${show(' ngày ', from)})`,
      `the window ends (${show(' on ', to)}) before it starts (${show(' on ', from)})`,
    ];
  },
  notADue: (text: string): Why => [
    `"${text}" không phải là một thời hạn (viết ví dụ ${DUE_EXAMPLES} hoặc "trong tháng 5/2024")`,
    `"${text}" is not a deadline (write e.g. ${DUE_EXAMPLES} or "trong tháng 5/2024")`,
  ],
  notAWindow: (text: string): Why => [
    `"${text}" không phải là một khoảng thời gian (viết ví dụ ${WINDOW_EXAMPLE})`,
    `"${text}" is not a window (write e.g. ${WINDOW_EXAMPLE})`,
  ],
};
