// The units' forms as plain functions: what a browser sends → a SubmissionPayload (Vietnamese numbers, ticked
// boxes, dates from <input type=date>), the engine's problems → errors by form field, uploaded lists, the
// kept document reference, and the portal's settings.
import ExcelJS from 'exceljs';
import type { Field, Milestone } from '../../core/definition/types';
import { redactUrl } from '../../portal/server';
import { loadPortalSettings, PortalSettingsError } from '../../portal/settings';
import { documentRefKey, signDocumentRef, verifyDocumentRef } from '../../portal/unit/docref';
import {
  actionOf,
  actorOf,
  applyRowAction,
  engineProblems,
  errorsByField,
  fieldValue,
  parseNumber,
  readForm,
  toPayload,
} from '../../portal/unit/forms';
import { readList } from '../../portal/unit/lists';
import { checkSubmission } from '../../workflows/submission-check';

const common = {
  title: 'mốc',
  appliesTo: { all: true },
  reminders: { offsets: [], sendAt: '08:00', workingDaysOnly: true },
  escalation: { steps: [], maxRepeats: 0, sendAt: '08:00', workingDaysOnly: true },
};
const siteFields: Field[] = [
  { id: 'name', label: 'Tên điểm', type: 'text', required: true },
  { id: 'date', label: 'Ngày tổ chức', type: 'date', required: true },
  { id: 'guests', label: 'Số khách mời', type: 'integer', required: false, min: 0 },
  { id: 'leader', label: 'Có lãnh đạo dự', type: 'boolean', required: false },
];
const sites = {
  ...common,
  id: 'dang-ky-diem',
  kind: 'site-registration',
  due: { kind: 'before', date: '2026-05-20' },
  siteFields,
  minSites: 2,
} as Milestone;
const report = {
  ...common,
  id: 'bao-cao',
  kind: 'result-report',
  due: { kind: 'before', date: '2026-08-20' },
  outline: [
    {
      id: 'attendance',
      label: 'Số người tham dự',
      type: 'integer',
      required: true,
      min: 0,
      aggregate: 'sum',
    },
    { id: 'budget', label: 'Kinh phí', type: 'number', required: false, aggregate: 'sum' },
    { id: 'awarded', label: 'Có khen thưởng', type: 'boolean', required: false, aggregate: 'count' },
    { id: 'firstEvent', label: 'Ngày tổ chức sớm nhất', type: 'date', required: true, aggregate: 'min' },
    { id: 'assessment', label: 'Đánh giá', type: 'text', required: false, aggregate: 'list' },
  ],
} as Milestone;
const plan = {
  ...common,
  id: 'ke-hoach',
  kind: 'plan',
  due: { kind: 'before', date: '2026-05-10' },
} as Milestone;
const events = {
  ...common,
  id: 'ngay-hoi',
  kind: 'event-window',
  window: { from: '2026-08-01', to: '2026-08-19' },
  minEvents: 1,
} as Milestone;
const bounds = { dueAt: '2026-08-20T00:00:00.000+07:00' };

describe('numbers as people write them', () => {
  it.each([
    ['1.000', 1000],
    ['1.000.000', 1_000_000],
    ['1,5', 1.5],
    ['12.345,6', 12345.6],
    ['1 250', 1250],
    ['0,25', 0.25],
    ['1.5', 1.5],
    ['-3', -3],
    ['42', 42],
  ])('vi: %s → %d', (text, n) => {
    expect(parseNumber(text, 'vi')).toBe(n);
  });
  it.each([
    ['1,000', 1000],
    ['1.5', 1.5],
    ['12,345.6', 12345.6],
  ])('en: %s → %d', (text, n) => {
    expect(parseNumber(text, 'en')).toBe(n);
  });
  it.each(['abc', '1.2.3', '1,2,3', '', '.', '1..0', '12a'])('not a number: %j', (text) => {
    expect(parseNumber(text, 'vi')).toBeUndefined();
  });
  it('keeps what it cannot read as text, for the validator to name', () => {
    const f: Field = { id: 'n', label: 'N', type: 'integer', required: true };
    expect(fieldValue(f, 'mười', 'vi')).toBe('mười');
    expect(fieldValue(f, ' 2.500 ', 'vi')).toBe(2500);
    expect(fieldValue(f, '  ', 'vi')).toBeUndefined();
  });
  it('reads dates from a date input or as Vietnamese write them, and ticked boxes', () => {
    const d: Field = { id: 'd', label: 'D', type: 'date', required: true };
    const b: Field = { id: 'b', label: 'B', type: 'boolean', required: false };
    expect(fieldValue(d, '2026-08-05', 'vi')).toBe('2026-08-05');
    expect(fieldValue(d, '5/8/2026', 'vi')).toBe('2026-08-05');
    expect(fieldValue(d, '31/02/2026', 'vi')).toBe('31/02/2026');
    expect(fieldValue(b, 'on', 'vi')).toBe(true);
    expect(fieldValue(b, '', 'vi')).toBe(false);
  });
});

it('writes the actor as name (position)', () => {
  expect(actorOf(' Nguyễn  Văn A ', 'Chánh Văn phòng')).toBe('Nguyễn Văn A (Chánh Văn phòng)');
  expect(actorOf('Nguyễn Văn A', ' ')).toBe('Nguyễn Văn A');
  expect(actorOf('  ', 'Chánh Văn phòng')).toBe('');
});

describe('a report form', () => {
  const body = {
    _csrf: 'x',
    actor_name: 'Trần Thị B',
    actor_position: 'Phó Chủ tịch',
    'v.attendance': '1.250',
    'v.budget': '15.000.000,5',
    'v.awarded': 'on',
    'v.firstEvent': '2026-08-02',
    'v.assessment': '  Tốt  ',
    action: 'submit',
  };
  it('becomes the payload the engine takes', () => {
    const state = readForm(report, body);
    const { payload } = toPayload(report, state, { lang: 'vi' });
    expect(payload).toEqual({
      values: {
        attendance: 1250,
        budget: 15_000_000.5,
        awarded: true,
        firstEvent: '2026-08-02',
        assessment: 'Tốt',
      },
    });
    expect(checkSubmission(report, payload, bounds)).toEqual([]);
    expect(actionOf(body)).toEqual({ kind: 'submit' });
  });
  it('puts each of the validator’s problems by its field', () => {
    const state = readForm(report, { ...body, 'v.attendance': 'nhiều', 'v.firstEvent': '' });
    const { payload, rowIndex } = toPayload(report, state, { lang: 'vi' });
    const errors = errorsByField(checkSubmission(report, payload, bounds), rowIndex);
    expect(Object.keys(errors).sort()).toEqual(['v.attendance', 'v.firstEvent']);
    expect(errors['v.attendance']?.[0]).toContain('phải là số');
    expect(errors['v.firstEvent']?.[0]).toContain('bắt buộc');
    // What was typed is kept to show the form again.
    expect(state.values.attendance).toBe('nhiều');
    expect(state.actorName).toBe('Trần Thị B');
  });
  it('carries a report document beside the figures, titled by its file when no title was typed', () => {
    const file = { sha256: 'a'.repeat(64), name: 'bao-cao.pdf', type: 'application/pdf', size: 10 };
    const { payload } = toPayload(report, readForm(report, body), { lang: 'vi', file });
    expect(payload.document).toEqual({ title: 'bao-cao', file });
  });
});

describe('a table of sites', () => {
  const body = {
    'site.0._row': '1',
    'site.0.name': 'Thôn Hợp Tiến',
    'site.0.date': '2026-08-05',
    'site.0.guests': '1.200',
    'site.0.leader': 'on',
    // A blank row in the middle is dropped; the rows after keep their place for errors.
    'site.3._row': '1',
    'site.3.name': '',
    'site.3.date': '',
    'site.7._row': '1',
    'site.7.name': 'Trường THCS',
    'site.7.date': 'ngày mai',
    action: 'submit',
  };
  it('keeps the rows in order, drops blank ones and maps the engine’s row numbers back to the form', () => {
    const state = readForm(sites, body);
    expect(state.rows).toHaveLength(3);
    const { payload, rowIndex } = toPayload(sites, state, { lang: 'vi' });
    expect(payload.sites).toEqual([
      { name: 'Thôn Hợp Tiến', date: '2026-08-05', guests: 1200, leader: true },
      { name: 'Trường THCS', date: 'ngày mai', leader: false },
    ]);
    expect(rowIndex).toEqual([0, 2]);
    const errors = errorsByField(checkSubmission(sites, payload, bounds), rowIndex);
    expect(Object.keys(errors)).toEqual(['site.2.date']);
  });
  it('adds and removes rows with the action buttons', () => {
    const state = readForm(sites, body);
    expect(actionOf({ action: 'add-row' })).toEqual({ kind: 'add-row' });
    expect(actionOf({ action: 'remove-row:1' })).toEqual({ kind: 'remove-row', index: 1 });
    expect(actionOf({ action: 'remove-row:x' })).toEqual({ kind: 'submit' });
    expect(applyRowAction(sites, state.rows, { kind: 'add-row' })).toHaveLength(4);
    const removed = applyRowAction(sites, state.rows, { kind: 'remove-row', index: 0 });
    expect(removed.map((r) => r.name)).toEqual(['', 'Trường THCS']);
    expect(applyRowAction(sites, [state.rows[0] ?? {}], { kind: 'remove-row', index: 0 })).toHaveLength(1);
  });
  it('reads a CSV list by labels or ids, numbers the Vietnamese way', async () => {
    const csv = 'Tên điểm,date,Số khách mời,leader\n"Thôn A",05/08/2026,1.500,có\nThôn B,2026-08-06,,không\n';
    const r = await readList(Buffer.from(csv), siteFields, 'vi');
    expect(r).toEqual({
      rows: [
        { name: 'Thôn A', date: '2026-08-05', guests: 1500, leader: true },
        { name: 'Thôn B', date: '2026-08-06', leader: false },
      ],
    });
  });
  it('reads an xlsx list (dates and numbers as the spreadsheet holds them)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Điểm');
    ws.addRow(['Tên điểm', 'Ngày tổ chức', 'Số khách mời']);
    ws.addRow(['Thôn A', new Date(Date.UTC(2026, 7, 5)), 1.5]);
    ws.addRow(['Thôn B', '2026-08-06', 1234]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await readList(data, siteFields, 'vi')).toEqual({
      rows: [
        { name: 'Thôn A', date: '2026-08-05', guests: 1.5 },
        { name: 'Thôn B', date: '2026-08-06', guests: 1234 },
      ],
    });
  });
  it('names what is wrong with a list, in Vietnamese', async () => {
    const r = await readList(Buffer.from('Tên,Ngày\nA,B\n'), siteFields, 'vi');
    expect('problems' in r && r.problems[0]).toContain('Dòng 1, cột 1: không có cột “Tên”');
    const empty = await readList(Buffer.from('name\n'), siteFields, 'vi');
    expect('problems' in empty && empty.problems).toEqual(['Tệp không có dòng nào dưới dòng tên cột.']);
    const binary = await readList(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), siteFields, 'vi');
    expect('problems' in binary).toBe(true);
  });
});

it('builds events from their rows', () => {
  const state = readForm(events, {
    'event.0._row': '1',
    'event.0.date': '2026-08-03',
    'event.0.place': 'Nhà văn hóa',
    'event.0.attendance': '1.200',
  });
  expect(toPayload(events, state, { lang: 'vi' }).payload).toEqual({
    events: [{ date: '2026-08-03', place: 'Nhà văn hóa', attendance: 1200 }],
  });
});

it('sends a plan with its title even when empty, so the title gets the error', () => {
  const { payload } = toPayload(plan, readForm(plan, { document_reference: ' 12/KH ' }), { lang: 'vi' });
  expect(payload).toEqual({ document: { title: '', reference: '12/KH' } });
  expect(errorsByField(checkSubmission(plan, payload, bounds))).toEqual({
    document_title: ['tên văn bản là bắt buộc'],
  });
});

describe('the engine’s refusal', () => {
  it('is split into its problems and each placed by its field', () => {
    const message =
      'bị từ chối: nội dung không hợp lệ: payload.values.attendance: Số người phải là số, nhận được "x"; ' +
      'payload.sites[1].name: Tên điểm là bắt buộc; payload.events: cần ít nhất một buổi; ' +
      'payload.document.file.type: chỉ nhận tệp PDF; payload.extra: không thuộc nội dung gửi';
    const problems = engineProblems(message);
    expect(problems).toHaveLength(5);
    expect(errorsByField(problems, [0, 4])).toEqual({
      'v.attendance': ['Số người phải là số, nhận được "x"'],
      'site.4.name': ['Tên điểm là bắt buộc'],
      events: ['cần ít nhất một buổi'],
      document_file: ['chỉ nhận tệp PDF'],
      _form: ['không thuộc nội dung gửi'],
    });
  });
  it('keeps a message without a path whole, and places the actor', () => {
    expect(errorsByField(engineProblems("mốc 'ke-hoach' đã được gửi rồi (trạng thái submitted)"))).toEqual({
      _form: ["mốc 'ke-hoach' đã được gửi rồi (trạng thái submitted)"],
    });
    expect(errorsByField(engineProblems('actor: cần ghi rõ người thực hiện'))).toEqual({
      actor_name: ['cần ghi rõ người thực hiện'],
    });
  });
});

it('keeps an uploaded document by a signed reference only for its own campaign, unit and milestone', () => {
  const key = documentRefKey(new TextEncoder().encode('s'.repeat(40)));
  const scope = { campaignId: 'c', unitId: 'u', milestoneId: 'm' };
  const ref = { sha256: 'b'.repeat(64), name: 'Kế hoạch.pdf', type: 'application/pdf', size: 1234 };
  const token = signDocumentRef(key, scope, ref);
  expect(verifyDocumentRef(key, scope, token)).toEqual(ref);
  expect(verifyDocumentRef(key, { ...scope, unitId: 'v' }, token)).toBeUndefined();
  const [body, mac] = token.split('.') as [string, string];
  const forged = Buffer.from(JSON.stringify({ ...ref, sha256: 'c'.repeat(64) })).toString('base64url');
  expect(verifyDocumentRef(key, scope, `${forged}.${mac}`)).toBeUndefined();
  expect(
    verifyDocumentRef(documentRefKey(new TextEncoder().encode('t'.repeat(40))), scope, token),
  ).toBeUndefined();
  expect(verifyDocumentRef(key, scope, `${body}.`)).toBeUndefined();
});

describe('settings', () => {
  it('has defaults', () => {
    expect(loadPortalSettings({})).toEqual({
      settings: {
        publicUrl: 'http://localhost:8080',
        maxUploadBytes: 20 * 1024 * 1024,
        linkTtlSeconds: 90 * 86400,
        secureCookies: false,
      },
      port: 8080,
      host: '127.0.0.1',
      trustProxy: false,
    });
    const https = loadPortalSettings({
      DONDOC_PORTAL_URL: 'https://dondoc.example.gov.vn/',
      DONDOC_PORTAL_PORT: '9000',
    });
    expect(https.settings.publicUrl).toBe('https://dondoc.example.gov.vn');
    expect(https.settings.secureCookies).toBe(true);
    expect(loadPortalSettings({}, { port: 9100 }).settings.publicUrl).toBe('http://localhost:9100');
  });
  it('names every bad variable in Vietnamese', () => {
    let error: unknown;
    try {
      loadPortalSettings({
        DONDOC_PORTAL_PORT: 'tám nghìn',
        DONDOC_PORTAL_URL: 'ftp://x',
        DONDOC_PORTAL_MAX_UPLOAD_MB: '-1',
        DONDOC_PORTAL_LINK_TTL_DAYS: '1,5',
        DONDOC_PORTAL_SECURE_COOKIES: 'maybe',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PortalSettingsError);
    const problems = (error as PortalSettingsError).problems;
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'DONDOC_PORTAL_PORT',
      'DONDOC_PORTAL_URL',
      'DONDOC_PORTAL_MAX_UPLOAD_MB',
      'DONDOC_PORTAL_LINK_TTL_DAYS',
      'DONDOC_PORTAL_SECURE_COOKIES',
    ]);
    expect(problems[0]).toBe("DONDOC_PORTAL_PORT: phải là số cổng từ 1 đến 65535, nhận được 'tám nghìn'");
  });
});

it('keeps unit tokens out of request logs', () => {
  expect(redactUrl('/u/eyJhbGc.eyJjIjoi.sig/m/ke-hoach')).toBe('/u/[token]/m/ke-hoach');
  expect(redactUrl('/u/abc')).toBe('/u/[token]');
  expect(redactUrl('/staff/c/x')).toBe('/staff/c/x');
});
