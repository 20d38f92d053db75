// Staff accounts: scrypt hashes in a JSON file only its owner can read, written atomically.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError, UserStore, usersFileOf } from '../../access/users';

function freshFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'dondoc-users-')), 'nested', 'users.json');
}

describe('the users file', () => {
  it('adds, verifies, changes the password of and removes an account', async () => {
    const store = new UserStore(freshFile());
    expect(await store.list()).toEqual([]);
    await store.add('Admin', 'admin', 'correct horse battery');
    await store.add('kiemtra', 'auditor', 'mật khẩu kiểm tra');
    expect(await store.list()).toEqual([
      { username: 'admin', role: 'admin' },
      { username: 'kiemtra', role: 'auditor' },
    ]);
    expect(await store.verify('admin', 'correct horse battery')).toEqual({
      username: 'admin',
      role: 'admin',
    });
    // The username is case-insensitive; the password is not.
    expect(await store.verify(' ADMIN ', 'correct horse battery')).toEqual({
      username: 'admin',
      role: 'admin',
    });
    expect(await store.verify('kiemtra', 'mật khẩu kiểm tra')).toEqual({
      username: 'kiemtra',
      role: 'auditor',
    });

    await store.passwd('admin', 'a brand new password');
    expect(await store.verify('admin', 'correct horse battery')).toBeUndefined();
    expect(await store.verify('admin', 'a brand new password')).toEqual({ username: 'admin', role: 'admin' });

    expect(await store.remove('admin')).toBe(true);
    expect(await store.remove('admin')).toBe(false);
    expect(await store.verify('admin', 'a brand new password')).toBeUndefined();
    expect(await store.list()).toEqual([{ username: 'kiemtra', role: 'auditor' }]);
  });

  it('refuses a wrong password, an unknown user and an empty password alike', async () => {
    const store = new UserStore(freshFile());
    await store.add('admin', 'admin', 'correct horse battery');
    expect(await store.verify('admin', 'correct horse batterY')).toBeUndefined();
    expect(await store.verify('admin', '')).toBeUndefined();
    expect(await store.verify('nobody', 'correct horse battery')).toBeUndefined();
    expect(await new UserStore(freshFile()).verify('admin', 'x')).toBeUndefined();
  });

  it('refuses bad input with a message and changes nothing', async () => {
    const store = new UserStore(freshFile());
    await store.add('admin', 'admin', 'correct horse battery');
    await expect(store.add('admin', 'auditor', 'another password')).rejects.toThrow(/đã có/);
    await expect(store.add('bad name', 'admin', 'correct horse battery')).rejects.toThrow(UserError);
    await expect(store.add('short', 'admin', 'short')).rejects.toThrow(/ít nhất 8 ký tự/);
    await expect(store.add('who', 'root' as never, 'correct horse battery')).rejects.toThrow(/vai trò/);
    await expect(store.passwd('nobody', 'correct horse battery')).rejects.toThrow(/không có người dùng/);
    await expect(store.passwd('admin', '1234')).rejects.toThrow(/ít nhất/);
    expect(await store.list()).toEqual([{ username: 'admin', role: 'admin' }]);
    expect(await store.verify('admin', 'correct horse battery')).toBeDefined();
  });

  it('is mode 0600, holds no password in clear, and leaves no temporary file behind', async () => {
    const file = freshFile();
    const store = new UserStore(file);
    await store.add('admin', 'admin', 'correct horse battery');
    await store.passwd('admin', 'a brand new password');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('correct horse battery');
    expect(text).not.toContain('a brand new password');
    const stored = JSON.parse(text).users[0].password as string;
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
    expect(await readdir(path.dirname(file))).toEqual(['users.json']);
  });

  it('salts every hash: the same password twice gives two hashes', async () => {
    const file = freshFile();
    const store = new UserStore(file);
    await store.add('a', 'admin', 'the same password');
    await store.add('b', 'admin', 'the same password');
    const [a, b] = JSON.parse(readFileSync(file, 'utf8')).users.map((u: { password: string }) => u.password);
    expect(a).not.toBe(b);
  });

  it('keeps concurrent changes of one process', async () => {
    const store = new UserStore(freshFile());
    await Promise.all(['u1', 'u2', 'u3', 'u4'].map((u) => store.add(u, 'auditor', 'password of mine')));
    expect((await store.list()).map((u) => u.username)).toEqual(['u1', 'u2', 'u3', 'u4']);
  });

  it('lives at DONDOC_USERS_FILE, else in the data folder', () => {
    expect(usersFileOf({ DONDOC_USERS_FILE: '/srv/dondoc/staff.json' })).toBe('/srv/dondoc/staff.json');
    expect(usersFileOf({ DONDOC_DATA_DIR: '/srv/dondoc' })).toBe('/srv/dondoc/users.json');
    expect(usersFileOf({})).toBe(path.resolve('.data', 'users.json'));
  });
});
