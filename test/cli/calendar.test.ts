// `dondoc calendar <year>`: the year's weekdays off and weekend days worked, checked against the Government's
// announcements for 2024 and 2025 (dates written out by hand here), and where each comes from.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../support/run-cli';

interface Run {
  code: number;
  out: string;
  err: string;
}

const dondoc = (...args: string[]): Promise<Run> => runCli({}, ...args);

interface DayJson {
  date: string;
  working: boolean;
  reason: string;
  kind?: string;
  adjacent?: boolean;
  name: string;
  source: string;
}

async function calendarJson(...args: string[]) {
  const r = await dondoc('calendar', ...args, '--json');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as {
    source: string;
    sourceText: string;
    days: DayJson[];
    months: { month: number; workingDays: number }[];
    workingDays: number;
    references: { occasion: string; reference: string }[];
    notEstablished: string[];
  };
}

/** "date off|work reason source", one a day. */
const brief = (days: DayJson[]) =>
  days.map(
    (d) =>
      `${d.date} ${d.working ? 'work' : 'off'} ${d.adjacent ? 'adjacent' : (d.kind ?? d.reason)} ${d.source}`,
  );

describe('dondoc calendar', () => {
  it('2024 follows the announcements: Tết 8-14/2, 29/4 swapped for Saturday 4/5, 2/9 and 3/9', async () => {
    const c = await calendarJson('2024');
    expect(c.source).toBe('announced');
    expect(brief(c.days)).toEqual([
      '2024-01-01 off new-year computed',
      '2024-02-08 off tet announced',
      '2024-02-09 off tet announced',
      '2024-02-12 off tet announced',
      '2024-02-13 off tet announced',
      '2024-02-14 off tet announced',
      '2024-04-18 off hung-kings computed',
      '2024-04-29 off day-off announced',
      '2024-04-30 off reunification computed',
      '2024-05-01 off labour computed',
      '2024-05-04 work make-up-working-day announced',
      '2024-09-02 off national-day computed',
      '2024-09-03 off adjacent announced',
    ]);
    // 262 weekdays, 12 of them off, 1 Saturday worked.
    expect(c.workingDays).toBe(251);
    expect(c.months.map((m) => m.workingDays)).toEqual([22, 16, 21, 19, 23, 20, 23, 22, 19, 23, 21, 22]);
    expect(c.references.map((r) => r.reference).join('\n')).toContain('2450/VPCP-KGVX');
  });

  it('2025 follows the announcements: Tết 27-31/1, 2/5 swapped for Saturday 26/4, 1/9 and 2/9', async () => {
    const c = await calendarJson('2025');
    expect(brief(c.days)).toEqual([
      '2025-01-01 off new-year computed',
      '2025-01-27 off tet announced',
      '2025-01-28 off tet announced',
      '2025-01-29 off tet announced',
      '2025-01-30 off tet announced',
      '2025-01-31 off tet announced',
      '2025-04-07 off hung-kings computed',
      '2025-04-26 work make-up-working-day announced',
      '2025-04-30 off reunification computed',
      '2025-05-01 off labour computed',
      '2025-05-02 off day-off announced',
      '2025-09-01 off adjacent announced',
      '2025-09-02 off national-day computed',
    ]);
    // 261 weekdays, 12 off, 1 Saturday worked.
    expect(c.workingDays).toBe(250);
  });

  it('prints the year in Vietnamese, saying the source of each day', async () => {
    const r = await dondoc('calendar', '2024');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Lịch làm việc năm 2024');
    expect(r.out).toContain('Nguồn: theo thông báo của Chính phủ');
    expect(r.out).toMatch(
      /Thứ Bảy 04\/05\/2024 \(làm việc\) +ngày làm bù +Làm bù cho ngày 29\/4 +theo thông báo/,
    );
    expect(r.out).toMatch(
      /Thứ Hai 01\/01\/2024 \(nghỉ\) +Tết Dương lịch +Tết Dương lịch +tính theo Bộ luật Lao động/,
    );
    expect(r.out).toContain('Cả năm: 251 ngày làm việc.');
  });

  it('says when the Labor Code rules alone apply, and why', async () => {
    const y2027 = await calendarJson('2027');
    expect(y2027.source).toBe('computed');
    expect(y2027.sourceText).toContain('tính theo Bộ luật Lao động');
    expect(y2027.sourceText).toContain('năm 2027');
    const sunday = await calendarJson('2024', '--weekend', 'sunday');
    expect(sunday.source).toBe('computed');
    expect(sunday.sourceText).toContain('thứ Bảy và Chủ nhật');
    expect(sunday.days.some((d) => d.date === '2024-04-29')).toBe(false);
    const computed = await calendarJson('2024', '--computed');
    expect(brief(computed.days).filter((d) => d.startsWith('2024-02'))).toEqual([
      '2024-02-09 off tet computed',
      '2024-02-12 off tet computed',
      '2024-02-13 off tet computed',
      '2024-02-14 off compensatory computed',
      '2024-02-15 off compensatory computed',
    ]);
    const y2026 = await calendarJson('2026');
    expect(y2026.notEstablished).toContain('Quốc khánh');
  });

  it("uses a campaign file's calendar, whose dates for a year replace the table's", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-calendar-'));
    const minimal = readFileSync(path.join(__dirname, '..', 'fixtures', 'good', 'minimal.yaml'), 'utf8');
    const file = path.join(dir, 'campaign.yaml');
    writeFileSync(
      file,
      `${minimal}\ncalendar:\n  daysOff:\n    - { date: 2024-12-30..2024-12-31, name: Nghỉ cuối năm }\n`,
    );
    const c = await calendarJson('2024', '--file', file);
    expect(c.source).toBe('rules');
    expect(brief(c.days).filter((d) => d.includes(' rules'))).toEqual([
      '2024-12-30 off day-off rules',
      '2024-12-31 off day-off rules',
    ]);
    expect(c.days.some((d) => d.date === '2024-04-29' || d.date === '2024-05-04')).toBe(false);
    expect((await calendarJson('2025', '--file', file)).source).toBe('announced');
  });

  it('rejects a bad year or weekend, without echoing control characters', async () => {
    const year = await dondoc('calendar', '20\u001b[31m24');
    expect(year.code).toBe(1);
    expect(year.err).toContain('năm không hợp lệ');
    expect(year.err).not.toContain('\u001b');
    const weekend = await dondoc('calendar', '2024', '--weekend', 'funday');
    expect(weekend.code).toBe(1);
    expect(weekend.err).toContain("'funday'");
    const english = await dondoc('calendar', '1800', '--lang', 'en');
    expect(english.code).toBe(1);
    expect(english.err).toBe("Error: not a year: '1800' (write 4 digits, from 1900 to 2199)\n");
  });

  it('speaks English with --lang en', async () => {
    const r = await dondoc('calendar', '2025', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Working calendar 2025');
    expect(r.out).toMatch(/Saturday 2025-04-26 \(working\) +make-up working day/);
  });
});
