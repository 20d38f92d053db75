// Issue 15, defect 4: files `start` accepted but whose schedule cannot be computed. `validate` and `start` refuse
// them (in Vietnamese, by path, never a stack trace) before anything starts: `start` is pointed at a Temporal
// address where nothing listens, so it can only answer from the file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../support/run-cli';
import { issuesOf, MINIMAL, put, tempDir } from './definition-support';

jest.setTimeout(30_000);

const ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEMPORAL_'))),
  HOME: mkdtempSync(path.join(tmpdir(), 'dondoc-hostile-home-')),
  TEMPORAL_ADDRESS: '127.0.0.1:1',
};

const CASES: [string, [string, string][], RegExp][] = [
  [
    'a due date in 2200, past the lunar table',
    [
      ['issued: 16/4/2024', 'issued: 16/4/2200'],
      ['10/5/2024', '10/5/2200'],
      ['9/8/2024', '9/8/2200'],
    ],
    /^milestones\[0\]\.due \| unschedulable \| .*năm 2200.*1800–2199/,
  ],
  [
    'a weekend of seven days',
    [
      [
        'levels:',
        'calendar:\n  weekend: [monday, tuesday, wednesday, thursday, friday, saturday, sunday]\n\nlevels:',
      ],
    ],
    /^calendar\.weekend \| unschedulable \| .*không có ngày làm việc/,
  ],
  [
    'an escalation after P100000Y',
    [['milestones:', 'escalation:\n  steps: [{ after: P100000Y, to: [unit] }]\n\nmilestones:']],
    /^milestones\[0\]\.escalation \| unschedulable \| .*năm 102024, ngoài phạm vi/,
  ],
  [
    'a reminder offset of P100000Y',
    [['milestones:', 'reminders:\n  offsets: [P100000Y, P1D]\n\nmilestones:']],
    /^milestones\[0\]\.reminders \| unschedulable \| .*ngoài phạm vi/,
  ],
];

describe.each(CASES)('%s', (_what, replacements, expected) => {
  let file: string;
  beforeAll(() => {
    let text = MINIMAL;
    for (const [from, to] of replacements) {
      if (!text.includes(from)) throw new Error(`minimal.yaml has no '${from}'`);
      text = text.replace(from, to);
    }
    file = put(tempDir(), 'c.yaml', text);
  });

  it('is refused by loading, its path named', async () => {
    expect(await issuesOf(file)).toContainEqual(expect.stringMatching(expected));
  });

  it.each(['validate', 'start'])('is refused by `dondoc %s`, without a stack trace', async (command) => {
    const r = await runCli(ENV, command, file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/không tính được lịch/);
    expect(r.err).toMatch(/lỗi: chưa khởi động gì/);
    expect(`${r.out}${r.err}`).not.toMatch(/\n\s+at /);
  });
});
