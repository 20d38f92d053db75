// The portal's signing secret (unit links, and the staff session key derived from it): DONDOC_PORTAL_SECRET
// when set, otherwise a file in the data folder generated on first use. The worker (which mints the links
// in emails) and every portal instance must share it. Never logged, never put in workflow history.
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Shortest DONDOC_PORTAL_SECRET accepted. */
export const MIN_SECRET_LENGTH = 32;
export const SECRET_FILE = 'portal-secret';

export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

/** Where dondoc keeps its own files (secret, users, documents): DONDOC_DATA_DIR or `.data`, made absolute. */
export function dataDirOf(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.DONDOC_DATA_DIR?.trim() || '.data');
}

/**
 * The secret's bytes from its text form (DONDOC_PORTAL_SECRET, or the secret file's content): its UTF-8 bytes,
 * trimmed; at least 32 characters.
 */
export function secretFromText(text: string, where = 'DONDOC_PORTAL_SECRET'): Uint8Array {
  const s = text.trim();
  if (s.length < MIN_SECRET_LENGTH) {
    // Its length may be said; its value never.
    throw new SecretError(`${where}: the secret must be at least ${MIN_SECRET_LENGTH} characters long`);
  }
  return new TextEncoder().encode(s);
}

/**
 * The secret's bytes: DONDOC_PORTAL_SECRET (at least 32 characters), else `<dataDir>/portal-secret`, created
 * on first use with 32 random bytes (written as 64 hex characters, so the file's content can be copied into
 * DONDOC_PORTAL_SECRET for the same key), mode 0600. Two processes starting together agree on one secret:
 * each writes a temporary file and links it into place, and the loser reads the winner's.
 */
export async function loadPortalSecret(input: {
  env: NodeJS.ProcessEnv;
  dataDir: string;
}): Promise<Uint8Array> {
  const configured = input.env.DONDOC_PORTAL_SECRET;
  if (configured !== undefined && configured.trim() !== '') return secretFromText(configured);
  const file = path.join(input.dataDir, SECRET_FILE);
  try {
    return secretFromText(await readFile(file, 'utf8'), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(input.dataDir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await chmod(tmp, 0o600);
    await link(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  return secretFromText(await readFile(file, 'utf8'), file);
}
