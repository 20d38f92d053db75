// Issue 13 in the units' forms: a report without outline is a document (required); a site registration and an
// event window may carry a document beside their rows; the issuer's report upward is prefilled from its units'
// aggregate (portal/unit/upward.ts).
import type { Milestone } from '../../core/definition/types';
import type { SubtreeAggregate } from '../../core/report/aggregate';
import { documentOptional, documentRequired, emptyState, readForm, toPayload } from '../../portal/unit/forms';
import { emptyForms, prefilledState } from '../../portal/unit/upward';
import { checkSubmission } from '../../workflows/submission-check';

const common = {
  title: 'mốc',
  appliesTo: { all: true },
  reminders: { offsets: [], sendAt: '08:00', workingDaysOnly: true },
  escalation: { steps: [], maxRepeats: 0, sendAt: '08:00', workingDaysOnly: true },
};
const due = { kind: 'before' as const, date: '2026-08-20' };
const bounds = { dueAt: '2026-08-20T00:00:00.000+07:00' };
const documentOnly: Milestone = { ...common, id: 'bao-cao', kind: 'result-report', due, outline: [] };
const sites: Milestone = {
  ...common,
  id: 'dang-ky-diem',
  kind: 'site-registration',
  due,
  siteFields: [{ id: 'name', label: 'Tên điểm', type: 'text', required: true }],
};
const events: Milestone = {
  ...common,
  id: 'ngay-hoi',
  kind: 'event-window',
  window: { from: '2026-08-01', to: '2026-08-19' },
  minEvents: 1,
};
const file = { sha256: 'b'.repeat(64), name: 'danh-sach-diem.pdf', type: 'application/pdf', size: 10 };

describe('documents in the forms', () => {
  it('a report without outline asks for its document, and sends no figures', () => {
    expect([documentRequired(documentOnly), documentOptional(documentOnly)]).toEqual([true, false]);
    const state = readForm(documentOnly, { actor_name: 'A', document_title: 'Báo cáo kết quả', 'v.x': '3' });
    const { payload } = toPayload(documentOnly, state, { lang: 'vi', file });
    expect(payload).toEqual({ document: { title: 'Báo cáo kết quả', file } });
    expect(checkSubmission(documentOnly, payload, bounds)).toEqual([]);
  });

  it.each([sites, events])('$kind takes an optional document beside its rows', (m) => {
    expect([documentRequired(m), documentOptional(m)]).toEqual([false, true]);
    const row =
      m.kind === 'site-registration'
        ? { 'site.0.name': 'Thôn Đông' }
        : {
            'event.0.date': '2026-08-05',
            'event.0.place': 'Nhà văn hoá',
            'event.0.attendance': '120',
          };
    const state = readForm(m, { actor_name: 'A', ...row });
    const without = toPayload(m, state, { lang: 'vi' }).payload;
    expect(without.document).toBeUndefined();
    const { payload } = toPayload(m, state, { lang: 'vi', file });
    // Titled by its file when no title was typed.
    expect(payload.document).toEqual({ title: 'danh-sach-diem', file });
    expect(checkSubmission(m, payload, { ...bounds, opensAt: '2026-08-01T00:00:00.000+07:00' })).toEqual([]);
  });
});

describe("the issuer's report upward", () => {
  const upward: Milestone = {
    ...common,
    id: 'bao-cao-bo',
    kind: 'result-report',
    due: { kind: 'before', date: '2026-08-25' },
    reportsTo: 'Bộ Công an',
    reportsOn: ['bao-cao'],
    outline: [
      { id: 'sites', label: 'Số điểm', type: 'integer', required: true, aggregate: 'sum' },
      { id: 'budget', label: 'Kinh phí', type: 'number', required: false, aggregate: 'sum' },
      { id: 'notes', label: 'Ghi chú', type: 'text', required: false, aggregate: 'list' },
      { id: 'other', label: 'Khác', type: 'integer', required: false, aggregate: 'sum' },
    ],
  };
  const aggregate: SubtreeAggregate = {
    unitId: 'tinh',
    units: 3,
    tallies: {},
    values: {
      'bao-cao': {
        sites: 7,
        budget: 1500.5,
        notes: [
          { unitId: 'a', value: 'Tốt' },
          { unitId: 'b', value: 'Khá' },
        ],
      },
    },
  };

  it('is prefilled field by field from the aggregate of what it reports on, as the page writes numbers', () => {
    const state = prefilledState(upward, aggregate, 'vi', emptyState(upward));
    expect(state.values).toEqual({ sites: '7', budget: '1500,5', notes: 'Tốt; Khá' });
    expect(toPayload(upward, state, { lang: 'vi' }).payload.values).toEqual({
      sites: 7,
      budget: 1500.5,
      notes: 'Tốt; Khá',
    });
  });

  it("on the issuer's page, asks its workflow for the aggregate once, and only when it owes a report upward", async () => {
    const asked: string[] = [];
    const client = {
      withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(),
      workflow: {
        getHandle: (id: string) => ({
          query: async () => {
            asked.push(id);
            return aggregate;
          },
        }),
      },
    };
    const access = (unitId: string, owes: string[]) =>
      ({
        campaign: { campaign: { id: 'c' }, milestones: [upward, sites] },
        unit: { id: unitId },
        lang: 'vi',
        state: { milestones: owes.map((id) => ({ id })) },
      }) as never;
    const issuer = await emptyForms({ client } as never, access('tinh', ['bao-cao-bo']));
    expect(issuer(upward).state.values).toMatchObject({ sites: '7' });
    expect(issuer(sites).state.values).toEqual({});
    expect(asked).toEqual(['c/tinh']);
    const unit = await emptyForms({ client } as never, access('huyen-a', ['dang-ky-diem']));
    expect(unit(upward).state.values).toEqual({});
    expect(asked).toHaveLength(1);
  });

  it('leaves every other form alone', () => {
    const own = emptyState(sites);
    expect(prefilledState(sites, aggregate, 'vi', own)).toBe(own);
    expect(prefilledState(upward, undefined, 'vi', emptyState(upward)).values).toEqual({});
  });
});
