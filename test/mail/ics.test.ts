// The invite as a calendar reads it: parsed back with ical.js, its VTIMEZONE registered from the file itself, so the
// deadline's instant is what the file says in the campaign's zone, not what this machine's zone would make of it.
import ICAL from 'ical.js';
import ical from 'ical-generator';
import { buildInvite, folded, type Invite } from '../../activities/mail/ics';

const BASE: Invite = {
  method: 'REQUEST',
  uid: 'bac-giang-2024.xa-an.ke-hoach@dondoc',
  sequence: 0,
  stamp: '2024-05-02T01:00:00.000Z',
  // "trước ngày 10/5/2024": due at 00:00 of 10/5 in Asia/Ho_Chi_Minh, the hour before it shown.
  start: '2024-05-09T16:00:00.000Z',
  end: '2024-05-09T17:00:00.000Z',
  timeZone: 'Asia/Ho_Chi_Minh',
  summary: 'Hạn chót: Kế hoạch; tổ chức, ngày hội (Xã An)',
  description: 'Kế hoạch 1/KH-BCĐ\nKế hoạch tổ chức: trước ngày 10/05/2024',
  language: 'vi',
  organizer: { name: 'Thường trực "BCĐ" tỉnh', email: 'bcd@tinh.example.org' },
  attendees: [
    { name: 'Xã An', email: 'ubnd@xa-an.example.org' },
    { name: 'Xã An', email: 'vanhoa@xa-an.example.org' },
  ],
};

function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const vtz of cal.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  }
  const event = cal.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  const time = (name: string) => event.getFirstProperty(name);
  const instant = (name: string) => {
    const value = time(name)?.getFirstValue() as ICAL.Time | undefined;
    if (!value) throw new Error(`no ${name}`);
    return value.toJSDate().toISOString();
  };
  return { cal, event, time, instant };
}

describe('calendar invites (ical-generator)', () => {
  it('carries the campaign zone with its VTIMEZONE, and the deadline at its exact instant', () => {
    const text = buildInvite(BASE);
    const { cal, event, time, instant } = parse(text);
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(cal.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Asia/Ho_Chi_Minh');
    expect(time('dtstart')?.getParameter('tzid')).toBe('Asia/Ho_Chi_Minh');
    expect(text).toContain('DTEND;TZID=Asia/Ho_Chi_Minh:20240510T000000');
    expect(instant('dtstart')).toBe(BASE.start);
    expect(instant('dtend')).toBe(BASE.end);
    // DTSTAMP is UTC, as RFC 5545 requires.
    expect(text).toMatch(/^DTSTAMP:20240502T010000Z\r$/m);
    expect(event.getFirstPropertyValue('uid')).toBe(BASE.uid);
    expect(event.getFirstPropertyValue('sequence')).toBe(0);
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.getFirstPropertyValue('summary')).toBe(BASE.summary);
    expect(event.getFirstPropertyValue('description')).toBe(BASE.description);
    expect(
      event
        .getAllProperties('attendee')
        .map((p) => [String(p.getFirstValue()).toLowerCase(), p.getParameter('cn')]),
    ).toEqual([
      ['mailto:ubnd@xa-an.example.org', 'Xã An'],
      ['mailto:vanhoa@xa-an.example.org', 'Xã An'],
    ]);
    const organizer = event.getFirstProperty('organizer');
    expect(String(organizer?.getFirstValue()).toLowerCase()).toBe('mailto:bcd@tinh.example.org');
    expect(organizer?.getParameter('cn')).toBe("Thường trực 'BCĐ' tỉnh");
  });

  it('an update keeps the UID and raises SEQUENCE; a cancel is METHOD:CANCEL and STATUS:CANCELLED', () => {
    const moved = parse(
      buildInvite({
        ...BASE,
        sequence: 1,
        start: '2024-05-14T16:00:00.000Z',
        end: '2024-05-14T17:00:00.000Z',
      }),
    );
    expect(moved.event.getFirstPropertyValue('uid')).toBe(BASE.uid);
    expect(moved.event.getFirstPropertyValue('sequence')).toBe(1);
    expect(moved.instant('dtend')).toBe('2024-05-14T17:00:00.000Z');
    const cancelled = parse(buildInvite({ ...BASE, method: 'CANCEL', sequence: 2 }));
    expect(cancelled.cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancelled.event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.event.getFirstPropertyValue('sequence')).toBe(2);
  });

  it('folds long lines at 75 octets without splitting a Vietnamese letter', () => {
    const text = buildInvite({
      ...BASE,
      summary: `Hạn chót: ${'Báo cáo kết quả tổ chức Ngày hội '.repeat(8)}`,
    });
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(parse(text).event.getFirstPropertyValue('summary')).toContain('Báo cáo kết quả tổ chức Ngày hội');
  });

  it('folds as ical-generator does by itself, four-byte characters included, and leaves TextEncoder as it was', () => {
    const summary = `Hạn chót 🗓️ ${'Ngày hội Đại đoàn kết 𝐓𝐨à𝐧 dân tộc '.repeat(6)}`;
    const real = globalThis.TextEncoder;
    const text = buildInvite({ ...BASE, summary });
    expect(globalThis.TextEncoder).toBe(real);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(parse(text).event.getFirstPropertyValue('summary')).toBe(summary);
    // The library's own output, with the encoder it asks for on every character.
    const unfolded = (t: string) => t.replace(/\r\n /g, '');
    const calendar = () => ical({ events: [{ id: 'x', start: new Date(0), stamp: new Date(0), summary }] });
    const own = calendar().toString();
    expect(own).toContain('\r\n ');
    expect(folded(calendar())).toBe(own);
    expect(unfolded(own)).toContain(summary);
  });

  it('refuses an instant that is not one', () => {
    expect(() => buildInvite({ ...BASE, end: 'not a date' })).toThrow(/'not a date' is not an instant/);
  });
});
