// The command line's failure paths, without a server or against an unreachable one: rejected input exits 1
// naming the file, the path and what is wrong; an unreachable server exits 2; every command has --help.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../support/temporal';
import { cliEnv, FIXTURES, runCli } from './harness';

const BAD = path.join(REPO_ROOT, 'test', 'fixtures', 'bad');
const GOOD = path.join(REPO_ROOT, 'test', 'fixtures', 'good');
/** Nothing listens on port 1: connecting fails. */
const UNREACHABLE = cliEnv({ TEMPORAL_ADDRESS: '127.0.0.1:1' });

const COMMANDS = [
  'start',
  'status',
  'overdue',
  'submit',
  'approve',
  'return',
  'extend',
  'waive',
  'cancel',
  'close',
  'report',
  'audit',
  'archive',
  'validate',
  'draft',
  'calendar',
];

describe('start with a bad campaign file', () => {
  const file = path.join(BAD, 'unknown-parent.yaml');

  it('exits 1 and names the file, the path and what is wrong; nothing is started', async () => {
    const r = await runCli(UNREACHABLE, 'start', file);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${file}: units[2].parent: `);
    expect(r.err).toContain("'huyen-c'");
    expect(r.err).toContain('chưa khởi động gì');
  });

  it('says it in English with --lang en, or when the file says language: en', async () => {
    const r = await runCli(UNREACHABLE, 'start', file, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}: units[2].parent: unknown parent 'huyen-c'`);
    expect(r.err).toContain('1 error: nothing was started.');
    const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-start-en-'));
    const en = path.join(dir, 'en.yaml');
    writeFileSync(en, readFileSync(file, 'utf8').replace(/^campaign:\n/m, 'campaign:\n  language: en\n'));
    const json = JSON.parse((await runCli(UNREACHABLE, 'start', en, '--json')).out);
    expect(json.issues).toEqual([
      expect.objectContaining({ path: 'units[2].parent', message: "unknown parent 'huyen-c'" }),
    ]);
    const vi = await runCli(UNREACHABLE, 'start', en, '--lang', 'vi');
    expect(vi.err).toContain("không có đơn vị cấp trên 'huyen-c'");
    expect(vi.err).toContain('1 lỗi: chưa khởi động gì.');
  });

  it('lists the issues with --json', async () => {
    const r = await runCli(UNREACHABLE, 'start', file, '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as {
      ok: boolean;
      exitCode: number;
      issues: { file: string; path: string }[];
    };
    expect(j).toMatchObject({ ok: false, exitCode: 1 });
    expect(j.issues).toEqual([
      expect.objectContaining({
        file,
        path: 'units[2].parent',
        pathSegments: ['units', 2, 'parent'],
        code: 'unknown_parent',
      }),
    ]);
  });

  it('says which file is missing', async () => {
    const missing = path.join(FIXTURES, 'no-such-campaign.yaml');
    const r = await runCli(UNREACHABLE, 'start', missing, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).issues).toEqual([
      expect.objectContaining({
        file: missing,
        path: '(tệp)',
        pathSegments: [],
        code: 'file_not_found',
        message: 'không tìm thấy tệp',
      }),
    ]);
  });
});

describe('an unreachable server', () => {
  it('exits 2 with a message naming the address', async () => {
    const r = await runCli(UNREACHABLE, 'status', 'bac-giang-antq-2024');
    expect(r.code).toBe(2);
    expect(r.err).toContain('không kết nối được máy chủ Temporal ở 127.0.0.1:1');
  }, 30_000);

  it('exits 2 for a valid campaign file too, with --json', async () => {
    const r = await runCli(UNREACHABLE, 'start', path.join(GOOD, 'minimal.yaml'), '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, exitCode: 2 });
  }, 30_000);

  it('is exit code 2 of the installed bin/dondoc.js process, which then ends', () => {
    const r = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'bin', 'dondoc.js'), 'overdue', 'x', '--json'],
      {
        env: UNREACHABLE,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, exitCode: 2 });
  }, 70_000);
});

describe('arguments', () => {
  it.each(COMMANDS)('dondoc %s --help explains it in Vietnamese and exits 0', async (command) => {
    const r = await runCli(UNREACHABLE, command, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Cách dùng: dondoc ${command}`);
    expect(r.out).toContain('--json');
    expect(r.out).toContain('hiển thị trợ giúp');
  });

  it('lists every command in the top-level help', async () => {
    const r = await runCli(UNREACHABLE, '--help');
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.out).toContain(`  ${c} `);
  });

  it('a missing --by is rejected before anything is sent (exit 1)', async () => {
    const r = await runCli(UNREACHABLE, 'submit', 'c', 'u', 'm', 'f.yaml');
    expect(r.code).toBe(1);
    expect(r.err).toContain("lỗi: thiếu tùy chọn bắt buộc '--by <actor>'");
  });

  it('an unknown command is rejected with a suggestion', async () => {
    const r = await runCli(UNREACHABLE, 'stauts');
    expect(r.code).toBe(1);
    expect(r.err).toContain("lỗi: không có lệnh 'stauts'");
    expect(r.err).toContain('status');
  });

  it('extend wants one unit or --all, and a real date, before connecting', async () => {
    const both = await runCli(
      UNREACHABLE,
      'extend',
      'c',
      'm',
      '--to',
      '2026-05-20',
      '--by',
      'a',
      '--reason',
      'r',
    );
    expect(both.code).toBe(1);
    expect(both.err).toContain('--unit');
    const date = await runCli(
      UNREACHABLE,
      'extend',
      'c',
      'm',
      '--to',
      '31/02/2026',
      '--all',
      '--by',
      'a',
      '--reason',
      'r',
    );
    expect(date.code).toBe(1);
    expect(date.err).toContain("--to: '31/02/2026'");
  });

  it('report and audit refuse an unknown format before connecting', async () => {
    const report = await runCli(UNREACHABLE, 'report', 'c', '--format', 'pdf', '--json');
    expect(report.code).toBe(1);
    expect(JSON.parse(report.out).error).toContain("--format: 'pdf'");
    const audit = await runCli(UNREACHABLE, 'audit', 'c', '--format', 'xml');
    expect(audit.code).toBe(1);
    expect(audit.err).toContain("--format: 'xml'");
  });
});
