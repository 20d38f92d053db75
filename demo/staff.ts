// `npm start` runs this once the portal is up: the demo's two staff accounts, an administrator and an auditor,
// created on first start with random passwords kept in <data>/demo-staff.json (mode 0600), and printed for the
// person trying the demo. Real deployments create their own with `dondoc user add`.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { dataDirOf } from '../access/secret';
import { type Role, UserStore, usersFileOf } from '../access/users';

interface DemoAccount {
  username: string;
  role: Role;
  password: string;
}

const DEMO_ACCOUNTS: { username: string; role: Role }[] = [
  { username: 'quantri', role: 'admin' },
  { username: 'kiemtra', role: 'auditor' },
];

async function readKept(file: string): Promise<DemoAccount[]> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as DemoAccount[];
  } catch {
    return [];
  }
}

export async function ensureDemoStaff(env: NodeJS.ProcessEnv = process.env): Promise<DemoAccount[]> {
  const file = path.join(dataDirOf(env), 'demo-staff.json');
  const users = new UserStore(usersFileOf(env));
  const kept = await readKept(file);
  const out: DemoAccount[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const known = kept.find((k) => k.username === a.username && k.role === a.role);
    if (known && (await users.verify(known.username, known.password))) {
      out.push(known);
      continue;
    }
    const password = randomBytes(9).toString('base64url');
    const existing = (await users.list()).find((u) => u.username === a.username);
    if (existing) await users.passwd(a.username, password);
    else await users.add(a.username, a.role, password);
    out.push({ ...a, password });
  }
  await writeFile(file, `${JSON.stringify(out, null, 2)}\n`, { mode: 0o600 });
  return out;
}

async function main(): Promise<void> {
  const accounts = await ensureDemoStaff();
  const text = { admin: 'Demo quản trị:', auditor: 'Demo kiểm tra:' };
  for (const a of accounts) console.log(`  ${text[a.role].padEnd(19)}${a.username} / ${a.password}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`demo: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
