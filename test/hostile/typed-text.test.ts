// Issue 15, defect 15 on the submission side: what a person types as `actor`, a reason, a note or a
// submission's text reaches terminals, emails and spreadsheets. The clients clean it (core/text/typed.ts); the
// workflows refuse what is still there, whichever client sent it (here: straight through the Temporal API).
import { extendAllUpdate, stateQuery, submitUpdate, waiveUpdate } from '../../contract/messages';
import { cleanTyped, cleanTypedDeep, forbiddenCharacter } from '../../core/text/typed';
import { plan, tinyCampaign } from '../support/campaigns';
import { Engine, milestone, rejection } from '../support/engine';

const OSC52 = 'Nguyễn Văn A\x1b]52;c;Y3VybCBldmlsLnNo\x07';
const NFD = 'Nguye\u0302\u0303n';

describe('cleaning typed text (the CLI and the portal, before sending)', () => {
  it.each([
    ['an OSC 52 clipboard write', OSC52, false, 'Nguyễn Văn A'],
    ['a colour sequence', 'A\x1b[31mB', false, 'AB'],
    ['CR LF in a one-line text (header injection)', 'A\r\nBcc: x@y.z', false, 'A Bcc: x@y.z'],
    ['CR LF in a note', 'dòng 1\r\ndòng 2\rdòng 3', true, 'dòng 1\ndòng 2\ndòng 3'],
    ['a right-to-left override', 'abc\u202Edef', false, 'abcdef'],
    ['zero-width and soft hyphen', 'Hòa\u200B Bình\u00AD', false, 'Hòa Bình'],
    ['a tab', 'a\tb', true, 'a b'],
    ['NFD Vietnamese', NFD, false, 'Nguyễn'],
  ])('%s', (_what, input, lines, expected) => {
    const out = cleanTyped(input, lines);
    expect(out).toBe(expected);
    expect(forbiddenCharacter(out, lines)).toBeUndefined();
  });

  it('cleans every string of a payload and keeps a `__proto__` key a key', () => {
    const payload = JSON.parse('{"document":{"title":"KH\\u001b[2J","__proto__":{"x":1}},"values":{"n":3}}');
    const clean = cleanTypedDeep(payload);
    expect(clean.document.title).toBe('KH');
    expect(Object.keys(clean.document)).toEqual(['title', '__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(clean.values).toEqual({ n: 3 });
  });
});

const engine = new Engine('typed-text');
let year: number;

beforeAll(async () => {
  await engine.start((y) => {
    year = y + 1;
    return tinyCampaign([plan('ke-hoach', { kind: 'before', date: `${year}-05-10` })], {
      id: 'typed-text',
      document: { issued: `${year}-01-02` },
    });
  });
});
afterAll(() => engine.stop());

const doc = (title: string) => ({ document: { title } });

describe('the workflows refuse control characters from any client', () => {
  it.each([
    [
      'an OSC 52 in actor',
      { actor: OSC52, payload: doc('KH') },
      /^actor: chứa ký tự điều khiển hoặc xuống dòng \(U\+001B\)/,
    ],
    ['a line break in actor', { actor: 'A\nBcc: x@y.z', payload: doc('KH') }, /^actor: .*\(U\+000A\)/],
    [
      'a BEL in the note',
      { actor: 'A', note: 'xong\x07', payload: doc('KH') },
      /^note: chứa ký tự điều khiển \(U\+0007\)/,
    ],
    [
      'a bidi override in a title',
      { actor: 'A', payload: doc('KH\u202E') },
      /^payload\.document\.title: .*\(U\+202E\)/,
    ],
  ])('%s', async (_what, input, message) => {
    const unit = await engine.unit('xa-a');
    const refused = await rejection(
      unit.executeUpdate(submitUpdate, { args: [{ milestoneId: 'ke-hoach', ...input }] }),
    );
    expect(refused).toMatch(message);
    expect(milestone(await unit.query(stateQuery), 'ke-hoach').submissions).toHaveLength(0);
  });

  it('refuses them in a reason, for the unit and the whole campaign', async () => {
    const unit = await engine.unit('xa-a');
    const waive = unit.executeUpdate(waiveUpdate, {
      args: [{ milestoneId: 'ke-hoach', actor: 'PV05', reason: 'sáp nhập\x1b[2J' }],
    });
    expect(await rejection(waive)).toMatch(/^reason: chứa ký tự điều khiển \(U\+001B\)/);
    const all = engine.campaignHandle().executeUpdate(extendAllUpdate, {
      args: [{ milestoneId: 'ke-hoach', actor: 'PV05\x9b', reason: 'mưa', newDue: `${year}-05-20` }],
    });
    expect(await rejection(all)).toMatch(/^actor: .*\(U\+009B\)/);
  });

  it('takes a clean submission with a note of several lines', async () => {
    const unit = await engine.unit('xa-a');
    await unit.executeUpdate(submitUpdate, {
      args: [
        { milestoneId: 'ke-hoach', actor: cleanTyped(OSC52), note: 'dòng 1\ndòng 2', payload: doc('KH') },
      ],
    });
    const ms = milestone(await unit.query(stateQuery), 'ke-hoach');
    expect(ms.submissions.map((s) => [s.actor, s.note])).toEqual([['Nguyễn Văn A', 'dòng 1\ndòng 2']]);
  });
});
