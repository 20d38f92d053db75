// Bình Sơn: each commune registers at least two sites and holds at least two events inside the window.
// Too few is accepted and flagged for the administrators; a malformed site list is rejected.
import { DateTime } from 'luxon';
import { stateQuery, submitUpdate } from '../../contract/messages';
import { unitSchedule } from '../../core/calendar/schedule';
import { binhSonIn } from '../support/campaigns';
import { Engine, milestone, rejection, ZONE } from '../support/engine';

const engine = new Engine('sites');
let year: number;

beforeAll(async () => {
  await engine.start((y) => {
    year = y + 1;
    return binhSonIn(year);
  });
});

afterAll(async () => {
  await engine.stop();
});

const site = (name: string, day: string) => ({ name, date: `${year}-${day}`, place: `Nhà văn hóa ${name}` });

it('flags a site list below the minimum, accepts a full one and rejects a malformed one', async () => {
  const [binhAn, binhChanh, chauO] = await Promise.all([
    engine.unit('binh-an'),
    engine.unit('binh-chanh'),
    engine.unit('chau-o'),
  ]);
  const reg = unitSchedule(engine.campaign, 'binh-an').find((s) => s.milestoneId === 'dang-ky-diem');
  if (!reg) throw new Error('no dang-ky-diem schedule');
  await engine.advanceTo(reg.reminders[0]?.at ?? reg.dueAt);

  const short = await binhAn.executeUpdate(submitUpdate, {
    args: [
      {
        milestoneId: 'dang-ky-diem',
        actor: 'Công an xã Bình An',
        payload: { sites: [site('Thôn An Phú', '07-20')] },
      },
    ],
  });
  expect(short).toMatchObject({ onTime: true, status: 'submitted', flags: ['below-min-sites: 1 of 2'] });
  expect(milestone(await binhAn.query(stateQuery), 'dang-ky-diem').flags).toEqual([
    'below-min-sites: 1 of 2',
  ]);

  const full = await binhChanh.executeUpdate(submitUpdate, {
    args: [
      {
        milestoneId: 'dang-ky-diem',
        actor: 'Công an xã Bình Chánh',
        payload: { sites: [site('Thôn Phước Hòa', '07-21'), site('Trường THCS Bình Chánh', '08-02')] },
      },
    ],
  });
  expect(full).toMatchObject({ status: 'submitted', flags: [] });

  const message = await rejection(
    chauO.executeUpdate(submitUpdate, {
      args: [
        {
          milestoneId: 'dang-ky-diem',
          actor: 'Công an thị trấn Châu Ổ',
          payload: { sites: [{ name: 'Tổ dân phố 1', place: 'Hội trường' }] },
        },
      ],
    }),
  );
  expect(message).toMatch(/sites\[0\]\.date/);
  const untouched = milestone(await chauO.query(stateQuery), 'dang-ky-diem');
  expect(untouched.submissions).toEqual([]);
  expect(untouched.status).toBe('open');
});

it('an event window stays open and flagged until the minimum number of events is held', async () => {
  const binhAn = await engine.unit('binh-an');
  const w = unitSchedule(engine.campaign, 'binh-an').find((s) => s.milestoneId === 'to-chuc-ngay-hoi');
  if (!w?.opensAt) throw new Error('no window');
  await engine.advanceTo(w.opensAt);
  const day = (n: number) =>
    DateTime.fromISO(w.opensAt as string, { zone: ZONE })
      .plus({ days: n })
      .toISODate();
  const submitEvent = (n: number) =>
    binhAn.executeUpdate(submitUpdate, {
      args: [
        {
          milestoneId: 'to-chuc-ngay-hoi',
          actor: 'UBND xã Bình An',
          payload: { events: [{ date: day(n) as string, place: `Thôn ${n}`, attendance: 150 + n }] },
        },
      ],
    });
  expect(await submitEvent(3)).toMatchObject({ status: 'open', flags: ['below-min-events: 1 of 2'] });
  expect(await submitEvent(10)).toMatchObject({ status: 'submitted', onTime: true, flags: [] });
  const held = milestone(await binhAn.query(stateQuery), 'to-chuc-ngay-hoi');
  expect(held.submissions.flatMap((s) => s.payload.events ?? []).map((e) => e.attendance)).toEqual([
    153, 160,
  ]);
});
