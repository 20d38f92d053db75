// Every default template, rendered: each kind of notice in both languages (with and without portal links,
// and the variants that take other branches) and the final report, compared byte for byte with the files in
// test/fixtures/rendered-mail/. A change to a template or to the template engine shows there as a diff to
// review; `DONDOC_WRITE_RENDERED=1 npx jest test/mail/rendered` rewrites the files after such a review.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeNotice } from '../../activities/mail/compose';
import { composeFinalReport } from '../../activities/mail/final-report';
import { templateSetFor } from '../../activities/mail/templates';
import type {
  DeadlineNotice,
  Language,
  NoticeInput,
  NoticeLinks,
  ReceiptNotice,
  ReturnedNotice,
} from '../../contract/notices';
import { NOTICE_KINDS } from '../../contract/notices';
import type { Report } from '../../core/report/build';
import { plan, tinyCampaign } from '../support/campaigns';
import { FESTIVAL, FROM, notice, OPENS, receipt } from './notices';

const DIR = path.join(__dirname, '..', 'fixtures', 'rendered-mail');
const WRITE = process.env.DONDOC_WRITE_RENDERED === '1';

const LINKS: NoticeLinks = {
  unit: 'https://portal.example/u/xa-an-binh#t=abc',
  superior: 'https://portal.example/s/huyen-binh-son#t=def',
  expiresAt: '2026-12-31T17:00:00Z',
};

function variants(lang: Language): [string, NoticeInput, NoticeLinks?][] {
  const out: [string, NoticeInput, NoticeLinks?][] = [];
  for (const kind of NOTICE_KINDS) {
    out.push([`${lang}-${kind}`, notice(kind, lang)]);
    out.push([`${lang}-${kind}-links`, notice(kind, lang), LINKS]);
  }
  const opened = notice('opened', lang) as DeadlineNotice;
  out.push([`${lang}-opened-coordinate`, { ...opened, role: 'coordinate' }]);
  const window = { milestone: FESTIVAL, opensAt: OPENS };
  out.push([
    `${lang}-reminder-window-before-open`,
    {
      ...(notice('reminder', lang) as DeadlineNotice),
      ...window,
      asOf: '2026-07-25T01:00:00Z',
      phase: 'before-open',
    },
  ]);
  out.push([
    `${lang}-reminder-window`,
    { ...(notice('reminder', lang) as DeadlineNotice), ...window, phase: 'before-due' },
  ]);
  out.push([
    `${lang}-reminder-exact-time`,
    { ...opened, kind: 'reminder', dueAt: '2026-08-20T17:00:00+07:00' },
  ]);
  out.push([`${lang}-receipt-late`, receipt(lang, false)]);
  const r = receipt(lang);
  out.push([
    `${lang}-receipt-events`,
    {
      ...r,
      ...window,
      receipt: {
        ...r.receipt,
        note: 'Đã tổ chức',
        flags: ['Chưa đủ số sự kiện'],
        payload: {
          document: { title: 'Báo cáo nhanh', reference: '12/BC', summary: 'Tóm tắt' },
          events: [{ date: '2026-08-05', place: 'Nhà văn hoá thôn 1', attendance: 320 }],
        },
      },
    } satisfies ReceiptNotice,
  ]);
  out.push([
    `${lang}-returned-hostile`,
    {
      ...(notice('returned', lang) as ReturnedNotice),
      unit: { id: 'xa-a-b', name: `<Xã "A" & B's>`, emails: ['a-b@example.org'] },
      reason: 'Thiếu <b>số liệu</b> & "biên bản" =1+1 `x`',
    },
    LINKS,
  ]);
  return out;
}

function finalReport(lang: Language): string {
  const campaign = tinyCampaign([plan('ke-hoach', { kind: 'before', date: '2026-05-20' })], {
    language: lang,
  });
  const tally = { expected: 1, submitted: 1, onTime: 0, late: 1, waived: 0, missing: 0 };
  const report: Report = {
    campaign: { id: 'test-campaign', title: 'Chiến dịch thử', timeZone: 'Asia/Ho_Chi_Minh', issuer: 'root' },
    root: { unitId: 'root', name: 'Ban Chỉ đạo tỉnh' },
    generatedAt: '2026-09-01T03:00:00Z',
    milestones: [{ id: 'ke-hoach', kind: 'plan', title: 'Kế hoạch', fields: [] }],
    levels: [
      {
        level: 'province',
        name: 'Tỉnh',
        rows: [
          {
            unitId: 'root',
            name: 'Ban Chỉ đạo tỉnh',
            level: 'province',
            parent: null,
            depth: 0,
            units: 2,
            reporting: true,
            milestones: { 'ke-hoach': { tally, completeness: 1, values: {} } },
          },
        ],
      },
    ],
  };
  const mail = composeFinalReport({ campaign, report }, FROM);
  if (!mail) throw new Error('no final report');
  return show(String(mail.subject), String(mail.text), String(mail.html));
}

function show(subject: string, text: string, html: string): string {
  return `Subject: ${subject}\n\n=== text ===\n${text}\n=== html ===\n${html}\n`;
}

const cases: [string, () => string][] = [
  ...(['vi', 'en'] as const).flatMap((lang) =>
    variants(lang).map(([name, n, links]): [string, () => string] => [
      name,
      () => {
        const mail = composeNotice(n, templateSetFor(), { from: FROM, ...(links ? { links } : {}) });
        return show(String(mail.subject), String(mail.text), String(mail.html));
      },
    ]),
  ),
  ['vi-final-report', () => finalReport('vi')],
  ['en-final-report', () => finalReport('en')],
];

describe('the default templates render', () => {
  if (WRITE) mkdirSync(DIR, { recursive: true });

  it.each(cases)('%s as recorded', (name, render) => {
    const file = path.join(DIR, `${name}.txt`);
    const got = render();
    if (WRITE) writeFileSync(file, got);
    expect(got).toBe(readFileSync(file, 'utf8'));
  });

  it('every recorded file is still rendered (none left over)', () => {
    const names = new Set(cases.map(([n]) => `${n}.txt`));
    expect(readdirSync(DIR).filter((f) => !names.has(f))).toEqual([]);
    expect(cases.length).toBe(names.size);
  });
});
