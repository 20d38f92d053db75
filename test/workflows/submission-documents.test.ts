// The update validators' checks (workflows/submission-check.ts) for issue 13: a report without outline is a
// document (required, and no figures); sites and events may carry an optional document beside them.
import type { Milestone } from '../../core/definition/types';
import { checkSubmission } from '../../workflows/submission-check';

const POLICIES = {
  reminders: { offsets: [], sendAt: '08:00', workingDaysOnly: true },
  escalation: { steps: [], maxRepeats: 0, sendAt: '08:00', workingDaysOnly: true },
};
const common = { title: 'Mốc', appliesTo: { all: true }, ...POLICIES };
const due = { kind: 'before' as const, date: '2024-08-20' };
const bounds = { dueAt: '2024-08-20T00:00:00+07:00' };

const report: Milestone = { ...common, id: 'bao-cao', kind: 'result-report', due, outline: [] };
const periodic: Milestone = {
  ...common,
  id: 'nam',
  kind: 'periodic-report',
  due,
  period: 'năm',
  outline: [],
};
const figures: Milestone = {
  ...report,
  outline: [{ id: 'sites', label: 'Số điểm', type: 'integer', required: true, aggregate: 'sum' }],
};
const sites: Milestone = {
  ...common,
  id: 'dang-ky',
  kind: 'site-registration',
  due,
  siteFields: [{ id: 'name', label: 'Tên điểm', type: 'text', required: true }],
};
const events: Milestone = {
  ...common,
  id: 'ngay-hoi',
  kind: 'event-window',
  window: { from: '2024-08-01', to: '2024-08-19' },
  minEvents: 1,
};
const eventBounds = { opensAt: '2024-08-01T00:00:00+07:00', dueAt: '2024-08-20T00:00:00+07:00' };

const FILE = { sha256: 'a'.repeat(64), name: 'danh-sach.pdf', type: 'application/pdf', size: 1200 };
const EVENT = { date: '2024-08-10', place: 'Nhà văn hoá', attendance: 120 };

describe('a report without outline', () => {
  it.each([report, periodic])('is a document: required ($kind)', (m) => {
    expect(checkSubmission(m, { document: { title: 'Báo cáo kết quả', file: FILE } }, bounds)).toEqual([]);
    expect(checkSubmission(m, {}, bounds)).toEqual([expect.stringMatching(/^payload\.document: bắt buộc/)]);
  });

  it('takes no figures', () => {
    expect(checkSubmission(report, { document: { title: 'BC' }, values: { sites: 3 } }, bounds)).toEqual([
      'payload.values: không thuộc nội dung gửi của mốc loại result-report',
    ]);
  });

  it('with an outline, still owes its figures and keeps the document optional', () => {
    expect(checkSubmission(figures, { values: { sites: 3 } }, bounds)).toEqual([]);
    expect(checkSubmission(figures, { document: { title: 'BC' } }, bounds)).toEqual([
      'payload.values: phải là một bảng các trường (tên: giá trị)',
    ]);
  });
});

describe('a document beside sites or events', () => {
  it('is optional for a site registration, and checked when there', () => {
    const rows = [{ name: 'Điểm 1' }];
    expect(checkSubmission(sites, { sites: rows }, bounds)).toEqual([]);
    expect(
      checkSubmission(sites, { sites: rows, document: { title: 'Danh sách điểm', file: FILE } }, bounds),
    ).toEqual([]);
    expect(
      checkSubmission(
        sites,
        { sites: rows, document: { title: '', file: { ...FILE, type: 'image/png' } } },
        bounds,
      ),
    ).toEqual([
      'payload.document.title: tên văn bản là bắt buộc',
      'payload.document.file.type: chỉ nhận tệp PDF, DOCX hoặc ODT, nhận được "image/png"',
    ]);
    // The document never stands in for the sites.
    expect(checkSubmission(sites, { document: { title: 'Danh sách điểm' } }, bounds)).toEqual([
      'payload.sites: cần ít nhất một điểm',
    ]);
  });

  it('is optional for an event window, and checked when there', () => {
    expect(
      checkSubmission(events, { events: [EVENT], document: { title: 'Báo cáo nhanh' } }, eventBounds),
    ).toEqual([]);
    expect(
      checkSubmission(events, { events: [EVENT], document: { title: 'X', pages: 2 } }, eventBounds),
    ).toEqual(['payload.document.pages: không có trường này']);
  });

  it('a plan still takes no sites', () => {
    const plan: Milestone = { ...common, id: 'ke-hoach', kind: 'plan', due };
    expect(checkSubmission(plan, { document: { title: 'KH' }, sites: [] }, bounds)).toEqual([
      'payload.sites: không thuộc nội dung gửi của mốc loại plan',
    ]);
  });
});
