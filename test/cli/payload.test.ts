// Submission files: YAML/JSON payloads as they are, CSV lists typed by the milestone's fields, and errors
// that name the file, the place in it and what is wrong.
import path from 'node:path';
import { CliError } from '../../client/errors';
import { readSubmission } from '../../client/payload';
import type { Field, Milestone } from '../../core/definition/types';
import { FIXTURES } from './harness';

const siteFields: Field[] = [
  { id: 'unit', label: 'Đơn vị tổ chức', type: 'text', required: true },
  { id: 'date', label: 'Ngày tổ chức', type: 'date', required: true },
  { id: 'place', label: 'Địa điểm', type: 'text', required: true },
  { id: 'awardDossier', label: 'Đã gửi hồ sơ khen thưởng', type: 'boolean', required: false },
];
const common = {
  title: 'mốc',
  appliesTo: { all: true },
  reminders: { offsets: [], sendAt: '08:00', workingDaysOnly: true },
  escalation: { steps: [], maxRepeats: 0, sendAt: '08:00', workingDaysOnly: true },
};
const sitesMilestone = {
  ...common,
  id: 'dang-ky-diem',
  kind: 'site-registration',
  due: { kind: 'before', date: '2026-05-15' },
  siteFields,
} as Milestone;
const windowMilestone = {
  ...common,
  id: 'ngay-hoi',
  kind: 'event-window',
  window: { from: '2026-08-01', to: '2026-08-19' },
  minEvents: 1,
} as Milestone;
const planMilestone = {
  ...common,
  id: 'ke-hoach',
  kind: 'plan',
  due: { kind: 'before', date: '2026-05-10' },
} as Milestone;

async function failure(p: Promise<unknown>): Promise<CliError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('the file was accepted');
}

it('reads a site list from CSV, by the fields’ labels, each cell typed', async () => {
  const p = await readSubmission({ file: path.join(FIXTURES, 'sites.csv'), milestone: sitesMilestone });
  expect(p).toEqual({
    sites: [
      { unit: 'Xã Hợp Đức', date: '2026-08-05', place: 'Nhà văn hóa thôn Hợp Tiến', awardDossier: true },
    ],
  });
});

it('reads the events held from CSV', async () => {
  const p = await readSubmission({ file: path.join(FIXTURES, 'events.csv'), milestone: windowMilestone });
  expect(p).toEqual({
    events: [
      { date: '2026-08-05', place: 'Sân vận động xã', attendance: 350 },
      { date: '2026-08-10', place: 'Nhà văn hóa thôn Đông', attendance: 1200 },
    ],
  });
});

it('reads YAML and JSON payloads as they are', async () => {
  expect(
    await readSubmission({ file: path.join(FIXTURES, 'plan.yaml'), milestone: planMilestone }),
  ).toMatchObject({
    document: { title: 'Kế hoạch tổ chức "Ngày hội toàn dân bảo vệ ANTQ"', reference: '12/KH-UBND' },
  });
  expect(
    await readSubmission({ file: path.join(FIXTURES, 'report-thpt.json'), milestone: planMilestone }),
  ).toMatchObject({ values: { sites: 1, attendance: 480 } });
});

it('names the file, the line and the column a CSV header gets wrong (exit 1)', async () => {
  const file = path.join(FIXTURES, 'sites-bad-column.csv');
  const e = await failure(readSubmission({ file, milestone: sitesMilestone }));
  expect(e.exitCode).toBe(1);
  // The place is printed in Vietnamese (formatWhere); the words after it are payload.ts's own.
  expect(e.message.startsWith(`${file}: dòng 1: cột 2: `)).toBe(true);
  expect(e.message).toContain("không có cột 'Ngày' (các cột: unit, date, place, awardDossier)");
});

it('names the line and column of a YAML syntax error', async () => {
  const file = path.join(FIXTURES, 'report-syntax-error.yaml');
  const e = await failure(readSubmission({ file, milestone: planMilestone }));
  expect(e.message).toMatch(
    new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: dòng \\d+, cột \\d+: lỗi cú pháp: `),
  );
});

it('says a file is missing, and that a plan does not come as CSV', async () => {
  const missing = path.join(FIXTURES, 'nothing-here.yaml');
  expect((await failure(readSubmission({ file: missing, milestone: planMilestone }))).message).toMatch(
    new RegExp(`^${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\(tệp\\): \\S`),
  );
  const csv = path.join(FIXTURES, 'sites.csv');
  expect((await failure(readSubmission({ file: csv, milestone: planMilestone }))).message).toContain(
    "mốc 'ke-hoach' (plan) nhận tệp YAML hoặc JSON",
  );
});
