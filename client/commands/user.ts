// `dondoc user add|remove|passwd|list`: the portal's staff accounts (administrators and auditors), in the users
// file (DONDOC_USERS_FILE, else <DONDOC_DATA_DIR>/users.json). Passwords are read from standard input
// (--password-stdin) or asked without echo on a terminal; never from the command line, where `ps` and the
// shell's history would keep them.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { MIN_PASSWORD_LENGTH, ROLES, type Role, UserError, UserStore, usersFileOf } from '../../access/users';
import { rejected } from '../errors';
import { type Io, type Outcome, runCommand } from '../kit';

const ROLE_TEXT: Record<Role, string> = { admin: 'quản trị', auditor: 'kiểm tra' };

interface PasswordOptions {
  passwordStdin?: boolean;
  json?: boolean;
}

/** Everything on standard input, up to its end; the password is its first line. */
async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** Asks on the terminal without echoing what is typed. */
function askHidden(stdin: NodeJS.ReadableStream, io: Io, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const muted = new Writable({
      write(_chunk, _encoding, done) {
        done();
      },
    });
    const rl = createInterface({ input: stdin, output: muted, terminal: true });
    io.err(question);
    rl.on('SIGINT', () => {
      rl.close();
      io.err('\n');
      reject(rejected('đã hủy'));
    });
    rl.question('', (answer) => {
      rl.close();
      io.err('\n');
      resolve(answer);
    });
  });
}

async function readPassword(stdin: NodeJS.ReadableStream, io: Io, opts: PasswordOptions): Promise<string> {
  if (opts.passwordStdin) {
    const first = (await readStdin(stdin)).split(/\r?\n/)[0] ?? '';
    if (first === '') throw rejected('--password-stdin: không đọc được mật khẩu nào từ đầu vào chuẩn');
    return first;
  }
  if (!(stdin as NodeJS.ReadStream).isTTY) {
    throw rejected(
      'không có terminal để hỏi mật khẩu: dùng --password-stdin và đưa mật khẩu vào đầu vào chuẩn',
    );
  }
  const password = await askHidden(stdin, io, `Mật khẩu (ít nhất ${MIN_PASSWORD_LENGTH} ký tự): `);
  const again = await askHidden(stdin, io, 'Nhập lại mật khẩu: ');
  if (password !== again) throw rejected('hai lần nhập mật khẩu không khớp');
  return password;
}

/** A UserError (bad name, short password, unknown user) is rejected input: exit 1 with its message. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof UserError) throw rejected(err.message);
    throw err;
  }
}

/** What each subcommand needs: the users file, and where a password is read from. */
interface UserEnv {
  store: () => UserStore;
  stdin: NodeJS.ReadableStream;
  io: Io;
}

async function addUser(
  env: UserEnv,
  username: string,
  opts: PasswordOptions & { role: string },
): Promise<Outcome> {
  if (!(ROLES as readonly string[]).includes(opts.role)) {
    throw rejected(`--role: '${opts.role}' không hợp lệ (chọn ${ROLES.join(' hoặc ')})`);
  }
  const s = env.store();
  const role = opts.role as Role;
  await s.add(username, role, await readPassword(env.stdin, env.io, opts));
  const name = username.trim().toLowerCase();
  return {
    json: { ok: true, username: name, role, file: s.file },
    text: `Đã thêm tài khoản ${name} (${ROLE_TEXT[role]}) vào ${s.file}`,
  };
}

async function changePassword(env: UserEnv, username: string, opts: PasswordOptions): Promise<Outcome> {
  const s = env.store();
  // An unknown account is refused before a password is asked for.
  const name = username.trim().toLowerCase();
  if (!(await s.list()).some((u) => u.username === name)) throw rejected(`không có tài khoản '${name}'`);
  await s.passwd(name, await readPassword(env.stdin, env.io, opts));
  return {
    json: { ok: true, username: name, file: s.file },
    text: `Đã đổi mật khẩu của ${name}`,
  };
}

async function removeUser(env: UserEnv, username: string): Promise<Outcome> {
  const s = env.store();
  const name = username.trim().toLowerCase();
  if (!(await s.remove(name))) throw rejected(`không có tài khoản '${name}'`);
  return { json: { ok: true, username: name, file: s.file }, text: `Đã xóa tài khoản ${name}` };
}

async function listUsers(env: UserEnv): Promise<Outcome> {
  const s = env.store();
  const users = await s.list();
  const text =
    users.length === 0
      ? `Chưa có tài khoản nào (${s.file})`
      : [
          `${users.length} tài khoản (${s.file}):`,
          ...users.map((u) => `  ${u.username}\t${ROLE_TEXT[u.role]} (${u.role})`),
        ].join('\n');
  return { json: { ok: true, file: s.file, users }, text };
}

export function registerUser(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
  stdin: NodeJS.ReadableStream = process.stdin,
): void {
  const env: UserEnv = { store: () => new UserStore(usersFileOf(io.env)), stdin, io };
  const run = (json: boolean | undefined, body: () => Promise<Outcome>) =>
    runCommand({ io, json: Boolean(json), body: () => guarded(body) });

  const user = program
    .command('user')
    .description(
      'tài khoản cán bộ của cổng thông tin (quản trị, kiểm tra), trong tệp DONDOC_USERS_FILE hoặc <DONDOC_DATA_DIR>/users.json',
    );

  user
    .command('add')
    .description('thêm tài khoản')
    .argument('<username>', 'tên đăng nhập')
    .requiredOption('--role <role>', `vai trò: ${ROLES.join(' hoặc ')}`)
    .option('--password-stdin', 'đọc mật khẩu từ dòng đầu của đầu vào chuẩn (không hỏi)')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (username: string, opts: PasswordOptions & { role: string }) => {
      setExit(await run(opts.json, () => addUser(env, username, opts)));
    });

  user
    .command('passwd')
    .description('đổi mật khẩu của một tài khoản')
    .argument('<username>', 'tên đăng nhập')
    .option('--password-stdin', 'đọc mật khẩu mới từ dòng đầu của đầu vào chuẩn (không hỏi)')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (username: string, opts: PasswordOptions) => {
      setExit(await run(opts.json, () => changePassword(env, username, opts)));
    });

  user
    .command('remove')
    .description('xóa một tài khoản')
    .argument('<username>', 'tên đăng nhập')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (username: string, opts: { json?: boolean }) => {
      setExit(await run(opts.json, () => removeUser(env, username)));
    });

  user
    .command('list')
    .description('liệt kê các tài khoản (không có mật khẩu)')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (opts: { json?: boolean }) => {
      setExit(await run(opts.json, () => listUsers(env)));
    });
}
