// Three forms real plans need (issue 13): a result report that is a document only (no outline), `implements` as
// a list of references, and the issuer's own report upward (`reportsTo`, `reportsOn`), valid and invalid by path.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { formatIssue } from '../../core/definition/issues';
import { implementsList, implementsText } from '../../core/definition/references';
import type { Campaign, Milestone } from '../../core/definition/types';
import { validateCampaign } from '../../core/definition/validate';

const MINIMAL = path.join(__dirname, '..', 'fixtures', 'good', 'minimal.yaml');

type Raw = { campaign: Record<string, unknown>; milestones: Record<string, unknown>[] };

function base(): Raw {
  return parse(readFileSync(MINIMAL, 'utf8')) as Raw;
}

const UPWARD = {
  id: 'bao-cao-bo',
  kind: 'result-report',
  title: 'Báo cáo kết quả gửi Bộ Công an',
  appliesTo: { units: ['tinh'] },
  reportsTo: 'Bộ Công an (Cục C06)',
  due: 'trước ngày 20/8/2024',
  outline: [{ id: 'sites', label: 'Số điểm tổ chức', type: 'integer' }],
};

function check(raw: Raw): { campaign?: Campaign; issues: string[] } {
  const r = validateCampaign(raw, { file: 'c.yaml' });
  return r.ok ? { campaign: r.campaign, issues: [] } : { issues: r.issues.map(formatIssue) };
}

function milestone(c: Campaign | undefined, id: string): Milestone {
  const m = c?.milestones.find((x) => x.id === id);
  if (!m) throw new Error(`no milestone ${id}`);
  return m;
}

describe('a result report without figures', () => {
  it.each([
    ['without outline', undefined],
    ['with outline: []', []],
  ])('is valid %s: a document only', (_name, outline) => {
    const raw = base();
    const report = raw.milestones[1] as Record<string, unknown>;
    if (outline === undefined) delete report.outline;
    else report.outline = outline;
    const { campaign, issues } = check(raw);
    expect(issues).toEqual([]);
    expect(milestone(campaign, 'bao-cao')).toMatchObject({ kind: 'result-report', outline: [] });
  });

  it('still names a bad outline field by its path', () => {
    const raw = base();
    (raw.milestones[1] as Record<string, unknown>).outline = [{ id: 'x', type: 'integer' }];
    expect(check(raw).issues).toEqual([expect.stringContaining('c.yaml: milestones[1].outline[0].label: ')]);
  });
});

describe('campaign.implements', () => {
  it('keeps the one-string form', () => {
    const raw = base();
    raw.campaign.implements = 'Kế hoạch số 19/KH-BCĐ138 ngày 17/01/2024';
    const { campaign } = check(raw);
    expect(campaign && implementsList(campaign.campaign)).toEqual([
      'Kế hoạch số 19/KH-BCĐ138 ngày 17/01/2024',
    ]);
  });

  it('takes a list of references, each written out as a plan cites it', () => {
    const raw = base();
    raw.campaign.implements = [
      { type: 'Quyết định', number: '521/QĐ-TTg', date: '13/6/2005', issuer: 'Thủ tướng Chính phủ' },
      { number: '198/KH-BCĐ', date: '2023-04-05', title: 'tổ chức Ngày hội năm 2024' },
      { text: 'Công văn số 12/CV ngày 01/02/2024 của Công an tỉnh' },
      { title: 'Hướng dẫn của Bộ Công an' },
    ];
    const { campaign, issues } = check(raw);
    expect(issues).toEqual([]);
    expect(campaign?.campaign.implements).toEqual([
      { type: 'Quyết định', number: '521/QĐ-TTg', date: '2005-06-13', issuer: 'Thủ tướng Chính phủ' },
      { number: '198/KH-BCĐ', date: '2023-04-05', title: 'tổ chức Ngày hội năm 2024' },
      { text: 'Công văn số 12/CV ngày 01/02/2024 của Công an tỉnh' },
      { title: 'Hướng dẫn của Bộ Công an' },
    ]);
    expect(campaign && implementsList(campaign.campaign)).toEqual([
      'Quyết định số 521/QĐ-TTg ngày 13/06/2005 của Thủ tướng Chính phủ',
      'Văn bản số 198/KH-BCĐ ngày 05/04/2023 về tổ chức Ngày hội năm 2024',
      'Công văn số 12/CV ngày 01/02/2024 của Công an tỉnh',
      'Hướng dẫn của Bộ Công an',
    ]);
    expect(campaign && implementsText(campaign.campaign)).toContain('Chính phủ; Văn bản số 198/KH-BCĐ');
  });

  it('names an empty reference, an unknown key, a bad date and an empty list by their paths', () => {
    const raw = base();
    raw.campaign.implements = [{}, { numero: '1' }, { number: '2/KH', date: '31/02/2024' }];
    const issues = check(raw).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringContaining('c.yaml: campaign.implements[0]: '),
        expect.stringContaining('c.yaml: campaign.implements[1].numero: '),
        expect.stringContaining('c.yaml: campaign.implements[2].date: '),
      ]),
    );
    expect(issues.find((i) => i.includes('implements[0]'))).toContain('cần ít nhất một trong');
    raw.campaign.implements = [];
    expect(check(raw).issues).toEqual([expect.stringContaining('c.yaml: campaign.implements: ')]);
  });
});

describe("the issuer's report upward", () => {
  it('applies to the issuer, reports on every other milestone and escalates to its own addresses only', () => {
    const raw = base();
    raw.milestones.push({ ...UPWARD });
    const { campaign, issues } = check(raw);
    expect(issues).toEqual([]);
    const m = milestone(campaign, 'bao-cao-bo');
    expect(m).toMatchObject({ reportsTo: 'Bộ Công an (Cục C06)', reportsOn: ['ke-hoach', 'bao-cao'] });
    expect(m.escalation.steps.map((s) => s.to)).toEqual([['unit'], ['unit']]);
    // The units' own milestones keep the campaign's escalation.
    expect(milestone(campaign, 'bao-cao').escalation.steps.map((s) => s.to)).toEqual([
      ['unit'],
      ['unit', 'parent'],
    ]);
  });

  it('takes a document-only periodic report and the milestones it names', () => {
    const raw = base();
    raw.milestones.push({
      ...UPWARD,
      kind: 'periodic-report',
      period: 'năm 2024',
      outline: undefined,
      reportsOn: ['bao-cao'],
    });
    const { campaign, issues } = check(raw);
    expect(issues).toEqual([]);
    expect(milestone(campaign, 'bao-cao-bo')).toMatchObject({ reportsOn: ['bao-cao'], outline: [] });
  });

  it('is refused to the issuer without reportsTo', () => {
    const raw = base();
    raw.milestones.push({ ...UPWARD, reportsTo: undefined });
    expect(check(raw).issues).toEqual([
      expect.stringMatching(/^c\.yaml: milestones\[2\]\.appliesTo\.units\[0\]: .*reportsTo/),
    ]);
  });

  it('must apply to the issuer alone', () => {
    const raw = base();
    raw.milestones.push({ ...UPWARD, appliesTo: { units: ['tinh', 'huyen-a'] } });
    expect(check(raw).issues).toEqual([
      expect.stringMatching(/^c\.yaml: milestones\[2\]\.appliesTo: .*units: \[tinh\]/),
    ]);
  });

  it('must be due after what it reports on (an equal instant is not after)', () => {
    const raw = base();
    // bao-cao is due "hết ngày 9/8/2024", the same instant as "trước ngày 10/8/2024".
    raw.milestones.push({ ...UPWARD, due: 'trước ngày 10/8/2024' });
    expect(check(raw).issues).toEqual([
      expect.stringMatching(/^c\.yaml: milestones\[2\]\.due: .*'bao-cao' \(00:00 ngày 10\/08\/2024\)/),
    ]);
    // Naming only the plan it reports on, it may fall due before the result report.
    raw.milestones[2] = { ...UPWARD, due: 'trước ngày 10/8/2024', reportsOn: ['ke-hoach'] };
    expect(check(raw).issues).toEqual([]);
  });

  it('names an unknown or self reportsOn, and reportsOn without reportsTo', () => {
    const raw = base();
    raw.milestones.push({ ...UPWARD, reportsOn: ['bao-cao', 'khong-co', 'bao-cao-bo'] });
    (raw.milestones[1] as Record<string, unknown>).reportsOn = ['ke-hoach'];
    const issues = check(raw).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringContaining("c.yaml: milestones[2].reportsOn[1]: không có mốc 'khong-co'"),
        expect.stringContaining('c.yaml: milestones[2].reportsOn[2]: '),
        expect.stringContaining('c.yaml: milestones[1].reportsOn: reportsOn chỉ dùng cùng reportsTo'),
      ]),
    );
    expect(issues).toHaveLength(3);
  });

  it('exists only on reports', () => {
    const raw = base();
    raw.milestones.push({
      id: 'x',
      kind: 'plan',
      title: 'X',
      appliesTo: { units: ['tinh'] },
      due: '1/6/2024',
      reportsTo: 'Bộ',
    });
    expect(check(raw).issues).toEqual(
      expect.arrayContaining([expect.stringContaining('c.yaml: milestones[2].reportsTo: ')]),
    );
  });
});
