// `dondoc validate <file> --schedule`: every email the campaign would send, checked against instants worked out
// by hand from the files' policies and calendars (the comments show the working), and the filters.
import {
  BAC_GIANG,
  brief,
  DRY_RUN,
  dondoc,
  dryRunJson,
  fixtureVariant,
  type NoticeLine,
} from './validate-schedule-run';

describe('the Bắc Giang example', () => {
  it("lists Tân Yên's draft plan notices: a reminder moved off the Hùng Kings' day, escalations past 30/4-1/5", async () => {
    const run = await dryRunJson(BAC_GIANG, '--unit', 'tan-yen', '--milestone', 'du-thao-ke-hoach-tan-yen');
    // Issued 16/4/2024: the dry run assumes the start of that day. Due "trước ngày 25/4/2024" (Thu 25/4 00:00).
    // Reminders P7D, P3D, P1D at 08:00 on working days: 18/4 is Giỗ Tổ Hùng Vương (10/3 lunar) -> Wed 17/4;
    // 22/4 (Mon); 24/4 (Wed, the last day). Escalations: P1D -> Fri 26/4 to the unit; P3D -> Sun 28/4, then
    // 29/4 (announced swap day), 30/4 and 1/5 (holidays) -> Thu 2/5; P7D -> 2/5 as well: one step to the unit,
    // its parent and the issuer (both bg-bcd). Repeats every P7D, twice: 9/5, 16/5.
    expect(run.notices.map(brief)).toEqual([
      '16/04/2024 00:00 opened 1 tan-yen du-thao-ke-hoach-tan-yen tan-yen',
      '17/04/2024 08:00 reminder 1 tan-yen du-thao-ke-hoach-tan-yen tan-yen',
      '22/04/2024 08:00 reminder 2 tan-yen du-thao-ke-hoach-tan-yen tan-yen',
      '24/04/2024 08:00 last-day 3 tan-yen du-thao-ke-hoach-tan-yen tan-yen',
      '26/04/2024 08:00 overdue 1 tan-yen du-thao-ke-hoach-tan-yen tan-yen',
      '02/05/2024 08:00 overdue 2 tan-yen du-thao-ke-hoach-tan-yen tan-yen',
      '02/05/2024 08:00 escalation 2 tan-yen du-thao-ke-hoach-tan-yen bg-bcd',
      '09/05/2024 08:00 overdue 3 tan-yen du-thao-ke-hoach-tan-yen tan-yen',
      '09/05/2024 08:00 escalation 3 tan-yen du-thao-ke-hoach-tan-yen bg-bcd',
      '16/05/2024 08:00 overdue 4 tan-yen du-thao-ke-hoach-tan-yen tan-yen',
      '16/05/2024 08:00 escalation 4 tan-yen du-thao-ke-hoach-tan-yen bg-bcd',
    ]);
    const [, first, , , , overdue, escalation] = run.notices;
    expect(first?.at).toBe('2024-04-17T08:00:00+07:00');
    expect(first?.to[0]?.emails).toEqual(['bcd@tanyen.example.org']);
    expect(first?.moved).toEqual({
      from: '2024-04-18',
      to: '2024-04-17',
      skipped: [
        { date: '2024-04-18', reason: 'holiday', name: 'Giỗ Tổ Hùng Vương', nameEn: expect.any(String) },
      ],
    });
    expect(overdue?.moved?.skipped.map((d) => `${d.date} ${d.reason}`)).toEqual([
      '2024-04-28 weekend',
      '2024-04-29 day-off',
      '2024-04-30 holiday',
      '2024-05-01 holiday',
    ]);
    expect(overdue?.moved?.skipped[1]?.name).toBe('Nghỉ hoán đổi dịp 30/4 - 1/5');
    expect(escalation?.recipients).toEqual(['parent', 'issuer']);
    expect(escalation?.to[0]?.emails).toEqual(['bcd138@bacgiang.example.org']);
  });

  it("lists Xã Hợp Đức's notices: a window reminder before it opens, a repeat moved past 2-3/9", async () => {
    const run = await dryRunJson(BAC_GIANG, '--unit', 'hop-duc');
    // Hợp Đức (grassroots, parent tan-yen) owes the festival window (01/8 to the end of 19/8: closes 20/8 00:00)
    // and the result report (before 20/8). Window: beforeOpen P7D -> Thu 25/7; P3D before closing -> Sat 17/8
    // -> Fri 16/8. Report: P7D Tue 13/8, P3D Sat 17/8 -> Fri 16/8, P1D Mon 19/8 (last day). Escalations of both:
    // P1D Wed 21/8 (unit); P3D Fri 23/8 (unit + parent tan-yen); P7D Tue 27/8 (unit + tan-yen and bg-bcd in
    // one email); repeats: 3/9 (the day next to National Day, announced) -> Wed 4/9; 10/9.
    const lines: string[] = ['16/04/2024 00:00 opened 1 hop-duc to-chuc-ngay-hoi hop-duc'];
    lines.push('16/04/2024 00:00 opened 1 hop-duc bao-cao-ket-qua hop-duc');
    lines.push('25/07/2024 08:00 reminder 1 hop-duc to-chuc-ngay-hoi hop-duc');
    lines.push('13/08/2024 08:00 reminder 1 hop-duc bao-cao-ket-qua hop-duc');
    lines.push('16/08/2024 08:00 reminder 2 hop-duc to-chuc-ngay-hoi hop-duc');
    lines.push('16/08/2024 08:00 reminder 2 hop-duc bao-cao-ket-qua hop-duc');
    lines.push('19/08/2024 08:00 last-day 3 hop-duc bao-cao-ket-qua hop-duc');
    const escalations: [string, number, string][] = [
      ['21/08/2024', 1, ''],
      ['23/08/2024', 2, 'tan-yen'],
      ['27/08/2024', 3, 'tan-yen+bg-bcd'],
      ['04/09/2024', 4, 'tan-yen+bg-bcd'],
      ['10/09/2024', 5, 'tan-yen+bg-bcd'],
    ];
    for (const [day, seq, superiors] of escalations) {
      for (const m of ['to-chuc-ngay-hoi', 'bao-cao-ket-qua']) {
        lines.push(`${day} 08:00 overdue ${seq} hop-duc ${m} hop-duc`);
        if (superiors) lines.push(`${day} 08:00 escalation ${seq} hop-duc ${m} ${superiors}`);
      }
    }
    expect(run.notices.map(brief)).toEqual(lines);
    const moved = run.notices.find((n) => n.local === '04/09/2024 08:00');
    expect(moved?.moved?.skipped).toEqual([
      expect.objectContaining({ date: '2024-09-03', reason: 'holiday', name: 'Quốc khánh (ngày liền kề)' }),
    ]);
    const both = run.notices.find((n) => n.local === '27/08/2024 08:00' && n.kind === 'escalation');
    expect(both?.to.flatMap((t) => t.emails)).toEqual([
      'bcd@tanyen.example.org',
      'bcd138@bacgiang.example.org',
    ]);
  });

  it('prints a table in Vietnamese that says why a day moved', async () => {
    const r = await dondoc('validate', BAC_GIANG, '--schedule', '--milestone', 'du-thao-ke-hoach-tan-yen');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const line = r.out.split('\n').find((l) => l.startsWith('17/04/2024 08:00'));
    expect(line).toContain('nhắc hạn 1');
    expect(line).toContain('Ban Chỉ đạo huyện Tân Yên (tan-yen)');
    expect(line).toContain('bcd@tanyen.example.org');
    expect(line).toContain('dời từ 18/04/2024 (ngày lễ: Giỗ Tổ Hùng Vương)');
    expect(r.out).toContain('khởi động lúc 16/04/2024 00:00');
    expect(r.out.trimEnd().endsWith('11 thư.')).toBe(true);
  });
});

describe('a campaign whose reminders meet Tết and the make-up Saturday of 2024', () => {
  it('lists every notice at the instants worked out by hand', async () => {
    const run = await dryRunJson(DRY_RUN);
    // Issued 2/1/2024. ke-hoach-tet (district huyen-a), due before Tue 20/2: P7D 13/2 is Tết (8-9 and 12-14/2
    // announced, 10-11/2 a weekend) -> Wed 7/2; P3D Sat 17/2 -> Fri 16/2; P1D Mon 19/2. Escalations P1D Wed 21/2
    // (unit), P3D Fri 23/2 (unit + parent tinh), one repeat P7D later: Fri 1/3.
    // dang-ky-diem (communes xa-1, xa-2), due before Tue 7/5: P7D 30/4 (holiday), 29/4 (swap day off), 28/4 and
    // 27/4 (weekend) -> Fri 26/4; P3D Sat 4/5 is the announced make-up working day: kept; P1D Mon 6/5.
    // Escalations P1D Wed 8/5, P3D Fri 10/5 (the parent's part goes into huyen-a's daily digest), no repeats.
    const both = (line: string) => [line, line.replace(/xa-1/g, 'xa-2')];
    expect(run.notices.map(brief)).toEqual([
      '02/01/2024 00:00 opened 1 huyen-a ke-hoach-tet huyen-a',
      ...both('02/01/2024 00:00 opened 1 xa-1 dang-ky-diem xa-1'),
      '07/02/2024 08:00 reminder 1 huyen-a ke-hoach-tet huyen-a',
      '16/02/2024 08:00 reminder 2 huyen-a ke-hoach-tet huyen-a',
      '19/02/2024 08:00 last-day 3 huyen-a ke-hoach-tet huyen-a',
      '21/02/2024 08:00 overdue 1 huyen-a ke-hoach-tet huyen-a',
      '23/02/2024 08:00 overdue 2 huyen-a ke-hoach-tet huyen-a',
      '23/02/2024 08:00 escalation 2 huyen-a ke-hoach-tet tinh',
      '01/03/2024 08:00 overdue 3 huyen-a ke-hoach-tet huyen-a',
      '01/03/2024 08:00 escalation 3 huyen-a ke-hoach-tet tinh',
      ...both('26/04/2024 08:00 reminder 1 xa-1 dang-ky-diem xa-1'),
      ...both('04/05/2024 08:00 reminder 2 xa-1 dang-ky-diem xa-1'),
      ...both('06/05/2024 08:00 last-day 3 xa-1 dang-ky-diem xa-1'),
      ...both('08/05/2024 08:00 overdue 1 xa-1 dang-ky-diem xa-1'),
      ...both('10/05/2024 08:00 overdue 2 xa-1 dang-ky-diem xa-1'),
      '10/05/2024 08:00 digest 1 huyen-a - huyen-a',
    ]);
    expect(run.count).toBe(22);
    const tet = run.notices[3];
    expect(tet?.at).toBe('2024-02-07T08:00:00+07:00');
    expect(tet?.to[0]?.emails).toEqual(['bcd@huyen-a.example.org', 'vp@huyen-a.example.org']);
    expect(tet?.moved?.from).toBe('2024-02-13');
    expect(tet?.moved?.skipped.map((d) => `${d.date.slice(5)} ${d.reason}`)).toEqual([
      '02-13 holiday',
      '02-12 holiday',
      '02-11 weekend',
      '02-10 weekend',
      '02-09 holiday',
      '02-08 holiday',
    ]);
    expect(tet?.moved?.skipped[0]?.name).toContain('Tết Nguyên đán');
    const saturday = run.notices.find((n) => n.local === '04/05/2024 08:00');
    expect(saturday?.moved).toBeNull();
    expect(saturday?.madeUpWorkingDay).toEqual({
      date: '2024-05-04',
      reason: 'make-up-working-day',
      name: 'Làm bù cho ngày 29/4',
      nameEn: null,
    });
    const digest = run.notices[run.notices.length - 1];
    expect(digest?.listed?.map((l) => `${l.unit.id}/${l.milestone.id}`)).toEqual([
      'xa-1/dang-ky-diem',
      'xa-2/dang-ky-diem',
    ]);
    expect(digest?.to[0]?.emails).toEqual(['bcd@huyen-a.example.org', 'vp@huyen-a.example.org']);
  });

  it('the table says a reminder stays on the make-up working Saturday', async () => {
    const r = await dondoc('validate', DRY_RUN, '--schedule', '--unit', 'xa-1');
    const line = r.out.split('\n').find((l) => l.startsWith('04/05/2024 08:00'));
    expect(line).toContain('vẫn gửi vào ngày làm việc bù (thứ bảy): Làm bù cho ngày 29/4');
  });

  it('started later (--start), it sends only what the engine would from then on', async () => {
    const run = await dryRunJson(DRY_RUN, '--start', '01/05/2024 09:00');
    // ke-hoach-tet is overdue at the start: no opening notice, and its escalations are all in the past.
    // dang-ky-diem opens at the start; its 26/4 reminder is past.
    expect(run.start).toBe('2024-05-01T09:00:00+07:00');
    expect(run.notices.map(brief)).toEqual([
      '01/05/2024 09:00 opened 1 xa-1 dang-ky-diem xa-1',
      '01/05/2024 09:00 opened 1 xa-2 dang-ky-diem xa-2',
      '04/05/2024 08:00 reminder 2 xa-1 dang-ky-diem xa-1',
      '04/05/2024 08:00 reminder 2 xa-2 dang-ky-diem xa-2',
      '06/05/2024 08:00 last-day 3 xa-1 dang-ky-diem xa-1',
      '06/05/2024 08:00 last-day 3 xa-2 dang-ky-diem xa-2',
      '08/05/2024 08:00 overdue 1 xa-1 dang-ky-diem xa-1',
      '08/05/2024 08:00 overdue 1 xa-2 dang-ky-diem xa-2',
      '10/05/2024 08:00 overdue 2 xa-1 dang-ky-diem xa-1',
      '10/05/2024 08:00 overdue 2 xa-2 dang-ky-diem xa-2',
      '10/05/2024 08:00 digest 1 huyen-a - huyen-a',
    ]);
  });
});

describe('filters and errors', () => {
  it('--unit keeps the notices about the unit and those addressed to it', async () => {
    const commune = await dryRunJson(DRY_RUN, '--unit', 'xa-1');
    expect(commune.notices.map((n) => `${n.kind} ${n.seq}`)).toEqual([
      'opened 1',
      'reminder 1',
      'reminder 2',
      'last-day 3',
      'overdue 1',
      'overdue 2',
    ]);
    const district = await dryRunJson(DRY_RUN, '--unit', 'huyen-a');
    expect(district.notices.map((n) => `${n.kind} ${n.unit.id}`)).toEqual(
      [
        ...['opened', 'reminder', 'reminder', 'last-day', 'overdue', 'overdue', 'escalation'],
        ...['overdue', 'escalation', 'digest'],
      ].map((k) => `${k} huyen-a`),
    );
    const issuer = await dryRunJson(DRY_RUN, '--unit', 'tinh');
    expect(issuer.notices.map(brief)).toEqual([
      '23/02/2024 08:00 escalation 2 huyen-a ke-hoach-tet tinh',
      '01/03/2024 08:00 escalation 3 huyen-a ke-hoach-tet tinh',
    ]);
  });

  it('--milestone keeps its notices and the digests that list it; both filters combine', async () => {
    const m = await dryRunJson(DRY_RUN, '--milestone', 'dang-ky-diem');
    expect(m.count).toBe(13);
    expect(m.notices.every((n) => n.milestone?.id === 'dang-ky-diem' || n.kind === 'digest')).toBe(true);
    const tet = await dryRunJson(DRY_RUN, '--milestone', 'ke-hoach-tet', '--unit', 'xa-2');
    expect(tet.notices).toEqual([]);
  });

  it('an unknown unit or milestone is a Vietnamese error, exit 1, nothing on stdout', async () => {
    const unit = await dondoc('validate', DRY_RUN, '--schedule', '--unit', 'khong-co');
    expect(unit.code).toBe(1);
    expect(unit.out).toBe('');
    expect(unit.err).toContain("chiến dịch thu-lich-2024 không có đơn vị 'khong-co'");
    const milestone = await dondoc('validate', DRY_RUN, '--schedule', '--milestone', 'khong-co');
    expect(milestone.code).toBe(1);
    expect(milestone.err).toContain("không có mốc 'khong-co'");
    const json = await dondoc('validate', DRY_RUN, '--schedule', '--unit', 'khong-co', '--format', 'json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, exitCode: 1 });
  });

  it('rejects a bad format, a bad --start, and the dry-run options without --schedule', async () => {
    const format = await dondoc('validate', DRY_RUN, '--schedule', '--format', 'xlsx');
    expect([format.code, format.err]).toEqual([1, expect.stringContaining("không có định dạng 'xlsx'")]);
    const start = await dondoc('validate', DRY_RUN, '--schedule', '--start', '31/02/2024');
    expect([start.code, start.err]).toEqual([
      1,
      expect.stringContaining("'31/02/2024' không phải là thời điểm"),
    ]);
    const stray = await dondoc('validate', DRY_RUN, '--unit', 'xa-1');
    expect([stray.code, stray.err]).toEqual([1, expect.stringContaining('--unit chỉ dùng cùng --schedule')]);
  });

  it('a bad campaign file is reported as validate reports it, exit 1', async () => {
    const bad = `${DRY_RUN.replace('schedule/dry-run.yaml', 'bad/unknown-parent.yaml')}`;
    const r = await dondoc('validate', bad, '--schedule');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('units[2].parent');
  });

  it('validate without --schedule is unchanged', async () => {
    const r = await dondoc('validate', DRY_RUN);
    expect(r.code).toBe(0);
    expect(r.out).toContain('thu-lich-2024: Thử lịch gửi thư năm 2024');
    expect(r.out.trimEnd().endsWith('OK')).toBe(true);
    expect(r.out).not.toContain('Chạy thử');
  });
});

describe('units that coordinate, and recipients for information only', () => {
  // dang-ky-diem (communes) coordinated by huyen-a, its escalations' second step to the issuer in a daily digest;
  // copyTo on the campaign and on the milestone.
  const file = () =>
    fixtureVariant([
      ['  language: vi', '  language: vi\n  copyTo: [{ name: Cục V05, emails: [v05@bca.example.org] }]'],
      [
        '    appliesTo: { levels: [commune] }',
        '    appliesTo: { levels: [commune] }\n    coordinate: { units: [huyen-a] }\n' +
          '    copyTo: [{ name: Tỉnh ủy, emails: [tu@tinh.example.org] }]',
      ],
      [
        '      maxRepeats: 0\n',
        '      maxRepeats: 0\n      steps: [{ after: P1D, to: [unit] }, { after: P3D, to: [unit, issuer] }]\n',
      ],
    ]);
  type Line = NoticeLine & { role: string | null; cc: string[] | null };

  it('the coordinating unit gets its opening notice alone; the issuer’s digest is copied to them', async () => {
    const variant = file();
    const run = await dryRunJson(variant, '--milestone', 'dang-ky-diem');
    const notices = run.notices as Line[];
    const district = notices.filter((n) => n.unit.id === 'huyen-a');
    expect(district.map(brief)).toEqual(['02/01/2024 00:00 opened 1 huyen-a dang-ky-diem huyen-a']);
    expect(district[0]?.role).toBe('coordinate');
    // The communes implementing it: every reminder and escalation, as before.
    expect(notices.filter((n) => n.unit.id === 'xa-1').map((n) => `${n.kind} ${n.seq} ${n.role}`)).toEqual([
      'opened 1 null',
      'reminder 1 null',
      'reminder 2 null',
      'last-day 3 null',
      'overdue 1 null',
      'overdue 2 null',
    ]);
    const digests = notices.filter((n) => n.kind === 'digest');
    expect(digests.map(brief)).toEqual(['10/05/2024 08:00 digest 1 tinh - tinh']);
    expect(digests[0]?.cc).toEqual(['v05@bca.example.org', 'tu@tinh.example.org']);
    const table = await dondoc('validate', variant, '--schedule', '--milestone', 'dang-ky-diem');
    expect(table.out).toContain('thông báo mở (đơn vị phối hợp)');
    expect(table.out).toContain('Cc: v05@bca.example.org, tu@tinh.example.org');
  });
});
