// A campaign file naming its own template folder: read and checked when the campaign loads, carried in the
// validated campaign, and used for its notices.
import path from 'node:path';
import { composeNotice } from '../../activities/mail/compose';
import { mailTemplateChecker, templateSetFor } from '../../activities/mail/templates';
import { noticeMilestone } from '../../contract/notice-milestone';
import { formatWhere } from '../../core/definition/issues';
import { loadCampaignFile } from '../../core/definition/load';
import type { Campaign } from '../../core/definition/types';
import { FROM, notice } from './notices';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

async function load(file: string): Promise<Campaign> {
  const r = await loadCampaignFile(file, mailTemplateChecker);
  if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 2));
  return r.campaign;
}

it('carries the folder’s files in the validated campaign, and only then', async () => {
  const c = await load(path.join(FIXTURES, 'good', 'with-templates.yaml'));
  expect(c.templates).toEqual({
    'vi/reminder.subject.txt':
      '[Khẩn - {{campaign.document}}] {{unit.name}}: {{milestone.title}}, hạn {{due.phrase}}\n',
  });
  expect('templates' in (await load(path.join(FIXTURES, 'good', 'minimal.yaml')))).toBe(false);
});

it('sends the campaign’s notices with its own templates', async () => {
  const c = await load(path.join(FIXTURES, 'good', 'with-templates.yaml'));
  const milestone = c.milestones.find((m) => m.id === 'bao-cao');
  if (!milestone) throw new Error('no bao-cao');
  const input = {
    ...notice('reminder', 'vi'),
    campaign: c.campaign,
    milestone: noticeMilestone(milestone),
    dueAt: '2024-08-10T00:00:00+07:00',
    asOf: '2024-08-05T01:00:00Z',
  };
  const mail = composeNotice(input, templateSetFor(c.templates), { from: FROM });
  expect(mail.subject).toBe('[Khẩn - 1/KH-BCĐ] Xã An Bình: Báo cáo kết quả, hạn trước ngày 10/08/2024');
  expect(mail.text).toContain('  - Số điểm tổ chức (bắt buộc)\n  - Ghi chú\n');
});

it('rejects a folder whose templates do not check, naming the file and the placeholder', async () => {
  const r = await loadCampaignFile(
    path.join(FIXTURES, 'bad', 'templates-unknown-placeholder.yaml'),
    mailTemplateChecker,
  );
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.issues).toEqual([
    {
      file: path.join(FIXTURES, 'bad', 'templates-unknown-placeholder', 'vi', 'reminder.txt'),
      path: [],
      line: 3,
      column: 8,
      code: 'unknown_placeholder',
      message: 'không có chỗ điền {{unit.nmae}} (có phải là {{unit.name}}, {{unit.id}}, {{unit.emails}}?)',
    },
  ]);
  expect(r.issues.map(formatWhere)).toEqual(['dòng 3, cột 8']);
});
