// The staff pages' charts as pure functions: bar segments add up, the day chart's range and marks fall where
// the deadlines are, and every value reaching the SVG is escaped.
import {
  barSegments,
  dayChart,
  dayChartLayout,
  doneText,
  niceMax,
  tallyBar,
  tallyText,
} from '../../portal/charts';

const tally = (onTime: number, late: number, waived: number, missing: number) => ({
  expected: onTime + late + waived + missing,
  submitted: onTime + late,
  onTime,
  late,
  waived,
  missing,
});

describe('completeness bars', () => {
  it('splits 0–100 in proportion, in a fixed order, leaving out empty parts', () => {
    const s = barSegments(tally(1, 1, 0, 2));
    expect(s.map((x) => x.part)).toEqual(['onTime', 'late', 'missing']);
    expect(s.map((x) => [x.x, x.width])).toEqual([
      [0, 25],
      [25, 25],
      [50, 50],
    ]);
  });

  it('fills exactly 100 whatever the rounding', () => {
    const s = barSegments(tally(1, 1, 1, 0));
    const last = s[s.length - 1];
    expect(last && last.x + last.width).toBeCloseTo(100, 6);
    expect(s.reduce((sum, x) => sum + x.width, 0)).toBeCloseTo(100, 2);
  });

  it('draws nothing but the background when nothing is expected', () => {
    expect(barSegments(tally(0, 0, 0, 0))).toEqual([]);
    const svg = tallyBar(tally(0, 0, 0, 0), { lang: 'vi' }).value;
    expect(svg.match(/<rect/g)).toHaveLength(1);
    expect(doneText(tally(0, 0, 0, 0))).toBe('—');
  });

  it('says what it shows, in the campaign language, and escapes the label', () => {
    const t = tally(10, 2, 1, 27);
    expect(tallyText(t, 'vi')).toBe('40 phải nộp: 10 đúng hạn, 2 muộn, 1 được miễn, 27 chưa nộp');
    expect(tallyText(t, 'en')).toBe('40 expected: 10 on time, 2 late, 1 waived, 27 missing');
    expect(doneText(t)).toBe('13/40 (32.5%)');
    const svg = tallyBar(t, { lang: 'vi', label: '<script>alert(1)</script> "x"' }).value;
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('&quot;x&quot;');
    // No inline style: the CSP has no 'unsafe-inline'.
    expect(svg).not.toMatch(/style=/);
    expect(svg).toContain('fill="#16a34a"');
  });
});

describe('submissions per day', () => {
  const zone = 'Asia/Ho_Chi_Minh';

  it('spans a day either side of the submissions and marks, a mark at its local instant', () => {
    const layout = dayChartLayout({
      counts: { '2026-05-07': 3, '2026-05-09': 5 },
      // "trước ngày 10/05": 00:00 of 10/05 local, i.e. 17:00 UTC on 9/05.
      marks: [{ at: '2026-05-09T17:00:00Z', kind: 'due', label: 'hạn 10/05' }],
      zone,
    });
    expect(layout.days[0]).toBe('2026-05-06');
    expect(layout.days[layout.days.length - 1]).toBe('2026-05-11');
    expect(layout.days).toHaveLength(6);
    // The start of the 5th day (index 4 = 2026-05-10).
    expect(layout.marks[0]?.pos).toBeCloseTo(4, 6);
    expect(layout.yMax).toBe(5);
  });

  it('places an exact-time deadline inside its day', () => {
    const layout = dayChartLayout({
      counts: {},
      marks: [{ at: '2026-05-10T17:00:00+07:00', kind: 'due', label: 'x' }],
      zone,
    });
    // Days: 09, 10, 11; 17:00 on the 10th is 1 + 17/24.
    expect(layout.days).toEqual(['2026-05-09', '2026-05-10', '2026-05-11']);
    expect(layout.marks[0]?.pos).toBeCloseTo(1 + 17 / 24, 6);
  });

  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 2, 3, 7, 11, 20, 21, 480].map(niceMax)).toEqual([1, 1, 2, 5, 10, 20, 20, 50, 500]);
  });

  it('draws a column per day with submissions, a line per mark, and the figures in a table', () => {
    const svg = dayChart({
      counts: { '2026-05-07': 3, '2026-05-09': 5 },
      marks: [
        { at: '2026-05-09T17:00:00Z', kind: 'due', label: 'hạn 10/05' },
        { at: '2026-05-14T17:00:00Z', kind: 'extended', label: 'gia hạn <15/05>' },
      ],
      zone,
      lang: 'vi',
      title: 'Kế hoạch & báo cáo',
    }).value;
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('gia hạn &lt;15/05&gt;');
    expect(svg).toContain('Kế hoạch &amp; báo cáo');
    expect(svg).toContain('<td>07/05/2026</td><td>3</td>');
    expect(svg).not.toMatch(/style=/);
  });

  it('says so when nothing was submitted', () => {
    const svg = dayChart({
      counts: {},
      marks: [{ at: '2026-05-09T17:00:00Z', kind: 'due', label: 'due' }],
      zone,
      lang: 'en',
      title: 't',
    }).value;
    expect(svg).toContain('No submissions yet.');
    expect(svg).not.toMatch(/<rect /);
  });
});
