// A campaign file's due and window phrases written without a year ("trước ngày 20/8") are in the plan's year,
// that of campaign.document.issued; a date that does not exist is an issue naming the path and the phrase.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { formatIssue, printIn } from '../../core/definition/issues';
import { loadCampaignFile } from '../../core/definition/load';
import type { Campaign } from '../../core/definition/types';
import { validateCampaign } from '../../core/definition/validate';

interface Phrases {
  issued: string;
  plan: string;
  sites: string;
  window: string;
  report: string;
  periodic: string;
}

const OK: Phrases = {
  issued: '16/4/2024',
  plan: 'trước ngày 10/5',
  sites: 'hoàn thành trước 15/5',
  window: 'từ ngày 01/8 đến hết ngày 19/8',
  report: 'chậm nhất ngày 25/8',
  periodic: 'trong tháng 12',
};

function campaignYaml(p: Phrases): string {
  return `campaign:
  id: nam-2024
  title: Ngày hội toàn dân bảo vệ ANTQ
  issuer: tinh
  document: { number: 1/KH-BCĐ, issued: "${p.issued}" }
levels:
  - { id: province, name: Tỉnh }
  - { id: district, name: Huyện }
units:
  - { id: tinh, name: Ban Chỉ đạo tỉnh, level: province, emails: [bcd@tinh.example.org] }
  - { id: huyen-a, name: Huyện A, level: district, parent: tinh, emails: [bcd@huyen-a.example.org] }
milestones:
  - { id: ke-hoach, kind: plan, title: Kế hoạch, appliesTo: { all: true }, due: "${p.plan}" }
  - { id: diem, kind: site-registration, title: Đăng ký điểm, appliesTo: { all: true }, due: "${p.sites}" }
  - { id: ngay-hoi, kind: event-window, title: Ngày hội, appliesTo: { all: true }, window: "${p.window}" }
  - id: bao-cao
    kind: result-report
    title: Báo cáo kết quả
    appliesTo: { all: true }
    due: "${p.report}"
    outline: [{ id: sites, label: Số điểm, type: integer }]
  - { id: nam, kind: periodic-report, title: Báo cáo năm, period: năm, appliesTo: { all: true }, due: "${p.periodic}" }
`;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dondoc-year-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function load(name: string, p: Phrases) {
  const file = path.join(dir, name);
  writeFileSync(file, campaignYaml(p));
  return { file, result: await loadCampaignFile(file) };
}

/** The campaign as the YAML above parses (validateCampaign takes the parsed data). */
function parsedYaml(p: Phrases): unknown {
  return parse(campaignYaml(p));
}

function dates(c: Campaign): Record<string, unknown> {
  return Object.fromEntries(c.milestones.map((m) => [m.id, m.kind === 'event-window' ? m.window : m.due]));
}

describe("year-less phrases take the plan's year", () => {
  it.each([
    ['16/4/2024', 2024],
    ['2025-03-02', 2025],
  ])('issued %s: every phrase is in %i', async (issued, y) => {
    const { result } = await load(`ok-${y}.yaml`, { ...OK, issued });
    if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
    expect(dates(result.campaign)).toEqual({
      'ke-hoach': { kind: 'before', date: `${y}-05-10` },
      diem: { kind: 'before', date: `${y}-05-15` },
      'ngay-hoi': { from: `${y}-08-01`, to: `${y}-08-19` },
      'bao-cao': { kind: 'end-of', date: `${y}-08-25` },
      nam: { kind: 'end-of', date: `${y}-12-31` },
    });
  });

  it('a year written in the phrase wins over the plan’s', async () => {
    const { result } = await load('written.yaml', { ...OK, report: 'trước ngày 20/8/2025' });
    if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
    expect(dates(result.campaign)['bao-cao']).toEqual({ kind: 'before', date: '2025-08-20' });
  });

  it('the resolved date is checked against the issue date', () => {
    const r = validateCampaign(parsedYaml({ ...OK, plan: 'trước ngày 10/4' }), { file: 'c.yaml' });
    expect(r.ok ? [] : r.issues.map((i) => [formatIssue(i), i.code])).toEqual([
      [
        'c.yaml: milestones[0].due: hạn "trước ngày 10/04/2024" (tức 0 giờ ngày đó) không còn thời gian nào sau ngày ban hành kế hoạch 16/04/2024',
        'due_before_issue',
      ],
    ]);
  });
});

describe('dates that do not exist are issues with their path and phrase', () => {
  it('"trước ngày 31/4/2024" in the second milestone: the issue names the file, milestones[1].due and why', async () => {
    const { file, result } = await load('bad.yaml', { ...OK, sites: 'trước ngày 31/4/2024' });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues).toEqual([
      {
        file,
        path: ['milestones', 1, 'due'],
        code: 'invalid_date',
        message: '\'trước ngày 31/4/2024\': ngày "31/4/2024" không tồn tại (tháng 4 chỉ có 30 ngày)',
      },
    ]);
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      `${file}: milestones[1].due: 'trước ngày 31/4/2024': ngày "31/4/2024" không tồn tại (tháng 4 chỉ có 30 ngày)`,
    ]);
  });

  it('every bad phrase at once, each at its own path; 29/2 checked in the plan’s year', () => {
    const r = validateCampaign(
      parsedYaml({
        issued: '2/1/2023',
        plan: 'trước ngày 29/2',
        sites: 'chậm nhất ngày 32/1',
        window: 'từ ngày 0/8 đến hết ngày 19/8',
        report: 'trước 25h00 ngày 20/8',
        periodic: 'trong tháng 13',
      }),
      { file: 'c.yaml' },
    );
    expect(r.ok ? [] : r.issues.map((i) => [formatIssue(i), i.code])).toEqual([
      [
        'c.yaml: milestones[0].due: \'trước ngày 29/2\': ngày "29/2" không tồn tại (tháng 2 năm 2023 chỉ có 28 ngày)',
        'invalid_date',
      ],
      [
        'c.yaml: milestones[1].due: \'chậm nhất ngày 32/1\': ngày "32/1" không tồn tại (tháng 1 chỉ có 31 ngày)',
        'invalid_date',
      ],
      [
        'c.yaml: milestones[2].window: \'từ ngày 0/8 đến hết ngày 19/8\': ngày "0/8" không tồn tại (không có ngày 0)',
        'invalid_date',
      ],
      [
        'c.yaml: milestones[3].due: \'trước 25h00 ngày 20/8\': giờ "25h00" không hợp lệ (giờ từ 0 đến 23, phút từ 0 đến 59)',
        'invalid_time',
      ],
      [
        'c.yaml: milestones[4].due: \'trong tháng 13\': tháng "13" không tồn tại (không có tháng 13)',
        'invalid_date',
      ],
    ]);
  });

  it('without a readable issue date, a year-less phrase lacks its year and says where the year comes from', () => {
    const r = validateCampaign(parsedYaml({ ...OK, issued: '31/02/2024' }), { file: 'c.yaml' });
    const issues = r.ok ? [] : r.issues;
    expect(issues.map((i) => i.code)).toEqual([
      'invalid_date',
      'missing_year',
      'missing_year',
      'missing_year',
      'missing_year',
      'missing_year',
    ]);
    expect(issues.map(formatIssue)[1]).toBe(
      'c.yaml: milestones[0].due: \'trước ngày 10/5\': ngày "10/5" thiếu năm (hãy ghi đủ ngày/tháng/năm) (năm lấy từ campaign.document.issued, nhưng ngày đó không đọc được)',
    );
  });

  it('in a campaign with language: en, each phrase’s reason is in English', () => {
    const yaml = campaignYaml({
      issued: '2/1/2023',
      plan: 'trước ngày 29/2',
      sites: 'trước ngày 31/4/2024',
      window: 'từ ngày 0/8 đến hết ngày 19/8',
      report: 'trước 25h00 ngày 20/8',
      periodic: 'trong tháng 13',
    }).replace(/^campaign:\n/m, 'campaign:\n  language: en\n');
    const r = validateCampaign(parse(yaml), { file: 'c.yaml' });
    expect(r.ok ? [] : r.issues.map((i) => [printIn('en').issue(i), i.code])).toEqual([
      [
        'c.yaml: milestones[0].due: \'trước ngày 29/2\': date "29/2" does not exist (February 2023 has 28 days)',
        'invalid_date',
      ],
      [
        'c.yaml: milestones[1].due: \'trước ngày 31/4/2024\': date "31/4/2024" does not exist (April has 30 days)',
        'invalid_date',
      ],
      [
        'c.yaml: milestones[2].window: \'từ ngày 0/8 đến hết ngày 19/8\': date "0/8" does not exist (there is no day 0)',
        'invalid_date',
      ],
      [
        'c.yaml: milestones[3].due: \'trước 25h00 ngày 20/8\': time "25h00" is not valid (hours 0 to 23, minutes 0 to 59)',
        'invalid_time',
      ],
      [
        'c.yaml: milestones[4].due: \'trong tháng 13\': month "13" does not exist (there is no month 13)',
        'invalid_date',
      ],
    ]);
    const noYear = validateCampaign(parsedYaml({ ...OK, issued: '31/02/2024' }), {
      file: 'c.yaml',
      lang: 'en',
    });
    expect((noYear.ok ? [] : noYear.issues.map(printIn('en').issue))[1]).toBe(
      'c.yaml: milestones[0].due: \'trước ngày 10/5\': date "10/5" has no year (write the day, month and year) (the year is taken from campaign.document.issued, which could not be read)',
    );
  });

  it('a reversed window still reads, and is reported as reversed', () => {
    const r = validateCampaign(parsedYaml({ ...OK, window: 'từ ngày 19/8 đến hết ngày 01/8' }), {
      file: 'c.yaml',
    });
    expect(r.ok ? [] : r.issues.map((i) => [formatIssue(i), i.code])).toEqual([
      [
        'c.yaml: milestones[2].window: khoảng thời gian kết thúc (01/08/2024) trước khi bắt đầu (19/08/2024)',
        'window_reversed',
      ],
    ]);
  });
});
