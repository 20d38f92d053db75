// `dondoc user add|passwd|remove|list`, run in-process: passwords from standard input only, never echoed or
// stored in clear; bad input exits 1 with a message and changes nothing.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { UserStore } from '../../access/users';
import { main } from '../../client/cli';

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-user-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DONDOC_DATA_DIR: dir, TEMPORAL_ADDRESS: '127.0.0.1:1' };
  delete env.DONDOC_USERS_FILE;
  const file = path.join(dir, 'users.json');
  const run = async (stdin: string | undefined, ...args: string[]) => {
    let out = '';
    let err = '';
    const input = Readable.from(stdin === undefined ? [] : [Buffer.from(stdin)]);
    const code = await main(
      ['node', 'dondoc', 'user', ...args],
      (s) => {
        out += s;
      },
      (s) => {
        err += s;
      },
      env,
      input,
    );
    return { code, out, err };
  };
  return { dir, file, run };
}

describe('dondoc user', () => {
  it('adds an administrator and an auditor with passwords from stdin, and lists them', async () => {
    const { file, run } = setup();
    const a = await run('correct horse battery\n', 'add', 'admin', '--role', 'admin', '--password-stdin');
    expect(a).toMatchObject({ code: 0, err: '' });
    expect(a.out).toContain(`Đã thêm tài khoản admin (quản trị) vào ${file}`);
    const b = await run(
      'mật khẩu kiểm tra\r\n',
      'add',
      'KiemTra',
      '--role',
      'auditor',
      '--password-stdin',
      '--json',
    );
    expect(b.code).toBe(0);
    expect(JSON.parse(b.out)).toEqual({ ok: true, username: 'kiemtra', role: 'auditor', file });

    const list = await run(undefined, 'list');
    expect(list.code).toBe(0);
    expect(list.out).toContain('2 tài khoản');
    expect(list.out).toMatch(/admin\tquản trị \(admin\)/);
    expect(list.out).toMatch(/kiemtra\tkiểm tra \(auditor\)/);
    expect(JSON.parse((await run(undefined, 'list', '--json')).out).users).toEqual([
      { username: 'admin', role: 'admin' },
      { username: 'kiemtra', role: 'auditor' },
    ]);

    const store = new UserStore(file);
    expect(await store.verify('admin', 'correct horse battery')).toEqual({
      username: 'admin',
      role: 'admin',
    });
    expect(await store.verify('kiemtra', 'mật khẩu kiểm tra')).toEqual({
      username: 'kiemtra',
      role: 'auditor',
    });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('correct horse battery');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Nothing printed ever holds the password.
    expect(a.out + a.err + b.out + list.out).not.toContain('correct horse battery');
  });

  it('changes a password and removes an account', async () => {
    const { file, run } = setup();
    await run('correct horse battery\n', 'add', 'admin', '--role', 'admin', '--password-stdin');
    const p = await run('a brand new password\n', 'passwd', 'admin', '--password-stdin');
    expect(p).toMatchObject({ code: 0 });
    expect(p.out).toContain('Đã đổi mật khẩu của admin');
    const store = new UserStore(file);
    expect(await store.verify('admin', 'correct horse battery')).toBeUndefined();
    expect(await store.verify('admin', 'a brand new password')).toBeDefined();

    const r = await run(undefined, 'remove', 'admin', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, username: 'admin' });
    expect(await store.list()).toEqual([]);
    expect((await run(undefined, 'list')).out).toContain('Chưa có tài khoản nào');
  });

  it('refuses bad input with exit 1 and a message, writing nothing', async () => {
    const { file, run } = setup();
    const role = await run('correct horse battery\n', 'add', 'x', '--role', 'root', '--password-stdin');
    expect(role.code).toBe(1);
    expect(role.err).toContain("--role: 'root' không hợp lệ (chọn admin hoặc auditor)");
    const short = await run('short\n', 'add', 'x', '--role', 'admin', '--password-stdin', '--json');
    expect(short.code).toBe(1);
    expect(JSON.parse(short.out)).toMatchObject({
      ok: false,
      exitCode: 1,
      error: expect.stringContaining('ít nhất 8'),
    });
    const empty = await run('', 'add', 'x', '--role', 'admin', '--password-stdin');
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('không đọc được mật khẩu');
    const name = await run(
      'correct horse battery\n',
      'add',
      'bad name!',
      '--role',
      'admin',
      '--password-stdin',
    );
    expect(name.code).toBe(1);
    expect(name.err).toContain("tên đăng nhập 'bad name!' không hợp lệ");
    // Without --password-stdin and no terminal, it will not wait for a password it cannot hide.
    const noTty = await run('correct horse battery\n', 'add', 'x', '--role', 'admin');
    expect(noTty.code).toBe(1);
    expect(noTty.err).toContain('--password-stdin');
    const missingRole = await run('correct horse battery\n', 'add', 'x', '--password-stdin');
    expect(missingRole.code).toBe(1);
    expect(missingRole.err).toContain("thiếu tùy chọn bắt buộc '--role <role>'");
    expect(() => statSync(file)).toThrow();

    await run('correct horse battery\n', 'add', 'admin', '--role', 'admin', '--password-stdin');
    const twice = await run('another password\n', 'add', 'admin', '--role', 'auditor', '--password-stdin');
    expect(twice.code).toBe(1);
    expect(twice.err).toContain("người dùng 'admin' đã có");
    expect((await run(undefined, 'remove', 'nobody')).err).toContain("không có tài khoản 'nobody'");
    expect((await run('correct horse battery\n', 'passwd', 'nobody', '--password-stdin')).code).toBe(1);
    expect(await new UserStore(file).list()).toEqual([{ username: 'admin', role: 'admin' }]);
  });

  it('has help in Vietnamese', async () => {
    const { run } = setup();
    const h = await run(undefined, '--help');
    expect(h.code).toBe(0);
    expect(h.out).toContain('add [options] <username>');
    expect(h.out).toContain('tài khoản cán bộ');
  });
});
