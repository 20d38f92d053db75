// The pieces of `dondoc draft` that the seeds exercise only in passing: PDF text mending, footnotes told from the
// body, and the placeholder check validate runs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCampaignFile } from '../../core/definition/load';
import { placeholder } from '../../core/definition/placeholders';
import { repairPdfText } from '../../core/draft/repair';
import { layout } from '../../core/draft/text';
import { SEEDS } from './expected';
import { seedText } from './support';

describe('PDF text mending', () => {
  it.each([
    ['Ban Chı̉đạo phòng', 'Ban Chỉ đạo phòng'],
    ['phòng, chố ng tội phạm', 'phòng, chống tội phạm'],
    ['Yêu cầu Thủtrưở ng các cơ quan', 'Yêu cầu Thủ trưởng các cơ quan'],
    ['Năm 2024, chủyế u tập trung', 'Năm 2024, chủ yếu tập trung'],
    ['trọng tâm là kết quả8 tháng đầ u năm', 'trọng tâm là kết quả 8 tháng đầu năm'],
    ['báo cáo kết quả(theo đề cương', 'báo cáo kết quả (theo đề cương'],
    ['lãnh đạo Ủ y ban, Gử i Kế hoạch', 'lãnh đạo Ủy ban, Gửi Kế hoạch'],
    ['quy chế , kế hoạch', 'quy chế, kế hoạch'],
  ])('%s → %s', (pdf, text) => {
    expect(repairPdfText(pdf)).toBe(text);
  });

  it('leaves words alone: Vietnamese ones, others, codes, footnote marks', () => {
    const keep =
      'bảo vệ an ninh, trật tự an toàn, để ai, trẻ em; Luxshare - ICT, UBND, ANTQ1, phongpv05cadt@gmail.com, 138/ĐP';
    expect(repairPdfText(keep)).toBe(keep);
  });

  it.each(SEEDS)('%s: the plan as written comes through unchanged (but spaces before commas)', (seed) => {
    const text = seedText(seed).normalize('NFC');
    expect(repairPdfText(text)).toBe(text.replace(/(?<=[\p{L}\p{M}]) +(?=[,;](?:\s|$))/gu, ''));
  });
});

describe('footnotes told from the body', () => {
  it('Đồng Tháp: footnote 1 over a page break, footnote 2, and the body sentence between them', () => {
    const lay = layout(seedText('dong-thap-inspectorate-movement-2024'));
    expect(lay.footnotes.map((f) => [f.number, f.lines[0]?.n, f.lines[f.lines.length - 1]?.n])).toEqual([
      [1, 60, 74],
      [undefined, 140, 150],
      [2, 151, 163],
    ]);
    expect(lay.body.map((l) => l.n)).toEqual(expect.arrayContaining([57, 75, 137, 171]));
  });

  it('Bắc Giang: the two lists of selected units, their short last lines included', () => {
    const lay = layout(seedText('bac-giang-province-2024'));
    expect(lay.footnotes.map((f) => [f.number, f.lines.map((l) => l.n)])).toEqual([
      [1, [399, 401, 403, 405, 407]],
      [2, [409, 411, 413, 415]],
    ]);
  });

  it('Bình Sơn has none', () => {
    expect(layout(seedText('binh-son-district-2024')).footnotes).toEqual([]);
  });
});

describe('placeholders in a campaign file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-placeholders-'));
  const campaign = (email: string, title: string) => `
campaign: { id: c, title: "${title}", issuer: root, document: { issued: 02/01/2024 } }
levels: [{ id: p, name: Tỉnh }, { id: x, name: Xã }]
units:
  - { id: root, name: Tỉnh, level: p, emails: [root@example.org] }
  - { id: xa, name: Xã A, level: x, parent: root, emails: ["${email}"] }
milestones:
  - { id: k, kind: plan, title: Kế hoạch, appliesTo: { levels: [x] }, due: trước ngày 10/5/2024 }
`;

  it('each is rejected at its path, instead of the schema complaining about the marker', async () => {
    const file = path.join(dir, 'email.yaml');
    writeFileSync(file, campaign(placeholder('email của Xã A'), 'Kế hoạch'));
    const r = await loadCampaignFile(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { file, path: ['units', 1, 'emails', 0], code: 'placeholder', message: 'chưa điền: email của Xã A' },
    ]);
  });

  it('even where any text would do (a title)', async () => {
    const file = path.join(dir, 'title.yaml');
    writeFileSync(file, campaign('xa@example.org', placeholder('tên kế hoạch')));
    const r = await loadCampaignFile(file);
    expect(r.ok ? [] : r.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['campaign.title', 'placeholder'],
    ]);
  });

  it('and a file without any still validates', async () => {
    const file = path.join(dir, 'ok.yaml');
    writeFileSync(file, campaign('xa@example.org', 'Kế hoạch'));
    expect((await loadCampaignFile(file)).ok).toBe(true);
  });
});
