// Staff accounts (administrators and auditors) for the portal: a JSON file of usernames, roles and scrypt
// password hashes, written atomically with mode 0600. Managed with `dondoc user add|remove|passwd|list`.
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dataDirOf } from './secret';

export type Role = 'admin' | 'auditor';
export const ROLES: readonly Role[] = ['admin', 'auditor'];

export interface StaffUser {
  username: string;
  role: Role;
}

/** Refused input (a bad username, a short password, an unknown user): the message is for people. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 1024;
const USERNAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/;

/** scrypt's cost: N = 2^15, r = 8, p = 1 (about 32 MiB and tens of milliseconds per hash). */
const PARAMS = { N: 1 << 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

interface StoredUser extends StaffUser {
  /** `scrypt$<N>$<r>$<p>$<salt, base64>$<hash, base64>` */
  password: string;
  createdAt: string;
  updatedAt: string;
}

interface UsersFile {
  format: 'dondoc-users/1';
  users: StoredUser[];
}

/** DONDOC_USERS_FILE, else `<data dir>/users.json`. */
export function usersFileOf(env: NodeJS.ProcessEnv): string {
  const f = env.DONDOC_USERS_FILE?.trim();
  return f ? path.resolve(f) : path.join(dataDirOf(env), 'users.json');
}

function derive(password: string, salt: Buffer, p: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0) || N > 1 << 20) return false;
  const salt = Buffer.from(parts[4] as string, 'base64');
  const expected = Buffer.from(parts[5] as string, 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const key = await derive(password, salt, { N, r, p });
  return timingSafeEqual(key, expected);
}

/** Also run for an unknown username, so the time taken does not tell whether the account exists. */
let dummyHash: Promise<string> | undefined;

function normalizeUsername(username: string): string {
  return String(username ?? '')
    .trim()
    .toLowerCase();
}

function checkUsername(username: string): string {
  const u = normalizeUsername(username);
  if (!USERNAME.test(u)) {
    throw new UserError(
      `tên đăng nhập '${username}' không hợp lệ: 1–64 ký tự a-z, 0-9, dấu chấm, gạch dưới, gạch ngang hoặc @, bắt đầu bằng chữ hoặc số`,
    );
  }
  return u;
}

function checkPassword(password: string): void {
  if (typeof password !== 'string' || [...password].length < MIN_PASSWORD_LENGTH) {
    throw new UserError(`mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new UserError(`mật khẩu không được dài quá ${MAX_PASSWORD_LENGTH} ký tự`);
  }
}

function checkRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new UserError(`vai trò '${role}' không hợp lệ (chọn ${ROLES.join(' hoặc ')})`);
  }
  return role as Role;
}

export class UserStore {
  /** Writes of this process, one after another (a read-modify-write each). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  private async read(): Promise<UsersFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { format: 'dondoc-users/1', users: [] };
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new UserError(`${this.file}: không phải JSON hợp lệ`);
    }
    const users = (parsed as Partial<UsersFile>)?.users;
    if (!Array.isArray(users)) throw new UserError(`${this.file}: thiếu danh sách users`);
    return { format: 'dondoc-users/1', users: users as StoredUser[] };
  }

  private async write(data: UsersFile): Promise<void> {
    const dir = path.dirname(this.file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      await chmod(tmp, 0o600);
      await rename(tmp, this.file);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }

  private change<T>(fn: (data: UsersFile) => Promise<{ result: T; write: boolean }>): Promise<T> {
    const run = this.queue.then(async () => {
      const data = await this.read();
      const { result, write } = await fn(data);
      if (write) await this.write(data);
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The account, when the password is right; undefined otherwise (unknown user or wrong password alike). */
  async verify(username: string, password: string): Promise<StaffUser | undefined> {
    const u = normalizeUsername(username);
    if (typeof password !== 'string' || password.length === 0 || password.length > MAX_PASSWORD_LENGTH) {
      return undefined;
    }
    const found = (await this.read()).users.find((x) => x.username === u);
    if (!found) {
      dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await passwordMatches(password, await dummyHash);
      return undefined;
    }
    if (typeof found.password !== 'string' || !(await passwordMatches(password, found.password)))
      return undefined;
    // A hand-edited file with an unknown role grants nothing.
    if (!(ROLES as readonly string[]).includes(found.role)) return undefined;
    return { username: found.username, role: found.role };
  }

  async add(username: string, role: Role, password: string): Promise<void> {
    const u = checkUsername(username);
    const r = checkRole(role);
    checkPassword(password);
    const hash = await hashPassword(password);
    await this.change(async (data) => {
      if (data.users.some((x) => x.username === u)) {
        throw new UserError(`người dùng '${u}' đã có (đổi mật khẩu bằng dondoc user passwd)`);
      }
      const now = new Date().toISOString();
      data.users.push({ username: u, role: r, password: hash, createdAt: now, updatedAt: now });
      data.users.sort((a, b) => a.username.localeCompare(b.username));
      return { result: undefined, write: true };
    });
  }

  /** False when there was no such user. */
  async remove(username: string): Promise<boolean> {
    const u = normalizeUsername(username);
    return this.change(async (data) => {
      const before = data.users.length;
      data.users = data.users.filter((x) => x.username !== u);
      const removed = data.users.length !== before;
      return { result: removed, write: removed };
    });
  }

  async passwd(username: string, password: string): Promise<void> {
    const u = normalizeUsername(username);
    checkPassword(password);
    const hash = await hashPassword(password);
    await this.change(async (data) => {
      const found = data.users.find((x) => x.username === u);
      if (!found) throw new UserError(`không có người dùng '${u}'`);
      found.password = hash;
      found.updatedAt = new Date().toISOString();
      return { result: undefined, write: true };
    });
  }

  async list(): Promise<StaffUser[]> {
    return (await this.read()).users.map((x) => ({ username: x.username, role: x.role }));
  }
}
