// The Government's announced days off for civil servants (cán bộ, công chức, viên chức of the administrative
// bodies, whose weekly rest is Saturday and Sunday), 2020-2027: the Tết break, the day next to 2 September,
// swapped days off and the Saturdays worked to make them up. Each year the Ministry of Labour (Bộ LĐ-TB&XH;
// from March 2025 the Ministry of Home Affairs, Bộ Nội vụ) announces them after the Prime Minister agrees
// (a Văn phòng Chính phủ letter). Only what could be established is here: an occasion a year does not list
// follows the Labor Code rules computed in holidays.ts, and a year marked not established follows them all.
// Pure data and lookups: no I/O.
import { isoFromJd, isoWeekday, jdFromIso } from './lunar';

export interface AnnouncedDay {
  date: string;
  name: string;
  nameEn: string;
}

/** One announcement: what it is about and where it comes from. */
export interface AnnouncedSource {
  /** 'Tết Nguyên đán', '30/4 - 1/5', 'Quốc khánh', 'Tết Dương lịch'. */
  occasion: string;
  occasionEn: string;
  reference: string;
}

export interface AnnouncedYear {
  year: number;
  established: true;
  /** The announced Tết break, weekends included (from, to), as the announcement words it. */
  tetBreak?: [string, string];
  /** The day(s) next to 2 September; `none`: 2 September alone (the Labor Code 2012, until 2020). */
  nationalDayAdjacent?: string[] | 'none';
  daysOff: AnnouncedDay[];
  workingDays: AnnouncedDay[];
  sources: AnnouncedSource[];
  /** Occasions whose announcement could not be established: the computed rules apply to them. */
  notEstablished: string[];
  notEstablishedEn: string[];
}

export interface UnknownYear {
  year: number;
  established: false;
  note: string;
  noteEn: string;
}

export type AnnouncedEntry = AnnouncedYear | UnknownYear;

export const ANNOUNCED_FIRST_YEAR = 2020;
export const ANNOUNCED_LAST_YEAR = 2027;

const TET = { occasion: 'Tết Nguyên đán', occasionEn: 'Lunar New Year (Tết)' };
const NATIONAL_DAY = { occasion: 'Quốc khánh', occasionEn: 'National Day' };
const MAY_DAY = { occasion: '30/4 - 1/5', occasionEn: '30 April - 1 May' };
const NEW_YEAR = { occasion: 'Tết Dương lịch', occasionEn: "New Year's Day" };

const TABLE: AnnouncedEntry[] = [
  {
    year: 2020,
    established: true,
    tetBreak: ['2020-01-23', '2020-01-29'],
    nationalDayAdjacent: 'none',
    daysOff: [],
    workingDays: [],
    sources: [
      {
        ...TET,
        reference: 'Thông báo của Bộ LĐ-TB&XH: nghỉ từ thứ Năm 23/01/2020 đến hết thứ Tư 29/01/2020',
      },
      {
        ...NATIONAL_DAY,
        reference: 'Bộ luật Lao động 2012, Điều 115: Quốc khánh nghỉ 1 ngày (ngày liền kề có từ 01/01/2021)',
      },
    ],
    notEstablished: [],
    notEstablishedEn: [],
  },
  {
    year: 2021,
    established: true,
    tetBreak: ['2021-02-10', '2021-02-16'],
    nationalDayAdjacent: ['2021-09-03'],
    daysOff: [],
    workingDays: [],
    sources: [
      { ...TET, reference: 'Thông báo 4875/TB-LĐTBXH (năm 2020): nghỉ từ 10/02/2021 đến hết 16/02/2021' },
      { ...NATIONAL_DAY, reference: 'Thông báo 4875/TB-LĐTBXH: nghỉ 02/9 và 03/9/2021' },
    ],
    notEstablished: [],
    notEstablishedEn: [],
  },
  {
    year: 2022,
    established: true,
    tetBreak: ['2022-01-29', '2022-02-06'],
    nationalDayAdjacent: ['2022-09-01'],
    daysOff: [],
    workingDays: [],
    sources: [
      { ...TET, reference: 'Văn bản 245/VPCP-KGVX ngày 11/01/2022: nghỉ từ 31/01/2022 đến hết 04/02/2022' },
      { ...NATIONAL_DAY, reference: 'Văn bản 245/VPCP-KGVX ngày 11/01/2022: nghỉ 01/9 và 02/9/2022' },
    ],
    notEstablished: [],
    notEstablishedEn: [],
  },
  {
    year: 2023,
    established: true,
    tetBreak: ['2023-01-20', '2023-01-26'],
    nationalDayAdjacent: ['2023-09-01'],
    daysOff: [],
    workingDays: [],
    sources: [
      {
        ...TET,
        reference:
          'Văn phòng Chính phủ (ý kiến Phó Thủ tướng Vũ Đức Đam): nghỉ từ 20/01/2023 đến hết 26/01/2023',
      },
      {
        ...NATIONAL_DAY,
        reference: 'Văn bản 8056/VPCP-KGVX ngày 01/12/2022: nghỉ từ 01/9/2023 đến hết 04/9/2023',
      },
    ],
    notEstablished: [],
    notEstablishedEn: [],
  },
  {
    year: 2024,
    established: true,
    tetBreak: ['2024-02-08', '2024-02-14'],
    nationalDayAdjacent: ['2024-09-03'],
    daysOff: [
      {
        date: '2024-04-29',
        name: 'Nghỉ hoán đổi dịp 30/4 - 1/5',
        nameEn: 'Swapped day off for 30 April - 1 May',
      },
    ],
    workingDays: [
      {
        date: '2024-05-04',
        name: 'Làm bù cho ngày 29/4',
        nameEn: 'Make-up working day for 29 April',
      },
    ],
    sources: [
      { ...TET, reference: 'Văn bản 8662/VPCP-KGVX ngày 03/11/2023: nghỉ từ 08/02/2024 đến hết 14/02/2024' },
      { ...MAY_DAY, reference: 'Văn bản 2450/VPCP-KGVX ngày 12/4/2024: nghỉ từ 27/4 đến hết 01/5/2024' },
      {
        ...NATIONAL_DAY,
        reference: 'Văn bản 8662/VPCP-KGVX ngày 03/11/2023: nghỉ từ 31/8/2024 đến hết 03/9/2024',
      },
    ],
    notEstablished: [],
    notEstablishedEn: [],
  },
  {
    year: 2025,
    established: true,
    tetBreak: ['2025-01-25', '2025-02-02'],
    nationalDayAdjacent: ['2025-09-01'],
    daysOff: [
      {
        date: '2025-05-02',
        name: 'Nghỉ hoán đổi dịp 30/4 - 1/5',
        nameEn: 'Swapped day off for 30 April - 1 May',
      },
    ],
    workingDays: [
      {
        date: '2025-04-26',
        name: 'Làm bù cho ngày 2/5',
        nameEn: 'Make-up working day for 2 May',
      },
    ],
    sources: [
      { ...TET, reference: 'Văn bản 8726/VPCP-KGVX ngày 26/11/2024: nghỉ từ 25/01/2025 đến hết 02/02/2025' },
      {
        ...MAY_DAY,
        reference: 'Văn bản 8726/VPCP-KGVX ngày 26/11/2024: nghỉ từ 30/4 đến hết 04/5/2025',
      },
      {
        ...NATIONAL_DAY,
        reference: 'Văn bản 8726/VPCP-KGVX ngày 26/11/2024: nghỉ từ 30/8 đến hết 02/9/2025',
      },
    ],
    notEstablished: [],
    notEstablishedEn: [],
  },
  {
    year: 2026,
    established: true,
    tetBreak: ['2026-02-14', '2026-02-22'],
    daysOff: [
      {
        date: '2026-01-02',
        name: 'Nghỉ hoán đổi dịp Tết Dương lịch',
        nameEn: "Swapped day off for New Year's Day",
      },
    ],
    workingDays: [
      {
        date: '2026-01-10',
        name: 'Làm bù cho ngày 2/1',
        nameEn: 'Make-up working day for 2 January',
      },
    ],
    sources: [
      {
        ...NEW_YEAR,
        reference:
          'Văn phòng Chính phủ ngày 25/12/2025 (ý kiến Phó Thủ tướng Phạm Thị Thanh Trà, 12729/VPCP-KGVX): nghỉ từ 01/01 đến hết 04/01/2026',
      },
      { ...TET, reference: 'Thông báo 9441/TB-BNV ngày 16/10/2025: nghỉ từ 14/02/2026 đến hết 22/02/2026' },
    ],
    notEstablished: ['Giỗ Tổ Hùng Vương, 30/4 - 1/5', 'Quốc khánh'],
    notEstablishedEn: ["Hùng Kings' Day, 30 April - 1 May", 'National Day'],
  },
  {
    year: 2027,
    established: false,
    note: 'chưa xác lập được thông báo nghỉ lễ, Tết năm 2027',
    noteEn: 'no announcement for 2027 could be established',
  },
];

const BY_YEAR = new Map(TABLE.map((e) => [e.year, e]));

/** The table's entry for `year`, or undefined outside 2020-2027. */
export function announcedEntry(year: number): AnnouncedEntry | undefined {
  return BY_YEAR.get(year);
}

/** The established announcements of `year`, if any. */
export function announcedYear(year: number): AnnouncedYear | undefined {
  const e = BY_YEAR.get(year);
  return e?.established ? e : undefined;
}

/** Every entry of the table, by year. */
export function announcedTable(): readonly AnnouncedEntry[] {
  return TABLE;
}

/** The Tết days of an announced break: its weekdays (the break's Saturdays and Sundays are the weekly rest). */
export function announcedTetDays(entry: AnnouncedYear): string[] {
  if (!entry.tetBreak) return [];
  const days: string[] = [];
  for (let jd = jdFromIso(entry.tetBreak[0]); jd <= jdFromIso(entry.tetBreak[1]); jd++) {
    if (isoWeekday(jd) <= 5) days.push(isoFromJd(jd));
  }
  return days;
}
