// The archive's file name for a campaign id, injective: two different ids never share a file. An id made only of
// (NFC) letters, digits, `.`, `_` and `-`, lower case and not starting with a dot, is the name itself
// (`hòa-bình-2024.audit.json`); any other id (a `/`, a space, upper case, a decomposed letter, `..`) has those
// characters replaced and `~` with a hash of the exact id appended (`hòa_bình~3f2a….audit.json`). A plain name
// never holds a `~`, so the two kinds never meet; no name holds `/`, `\` or starts with a dot. Pure.
import { createHash } from 'node:crypto';

const UNSAFE = /[^\p{L}\p{N}\p{M}._-]/gu;
/** File names stay well under the 255 bytes most file systems allow (Vietnamese letters take 2–3 bytes). */
const MAX_CHARS = 60;

export function idHash(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 16);
}

/** The archive's file name (without the directory) for a campaign id. */
export function archiveName(campaignId: string, attempt = 1): string {
  const safe = campaignId.normalize('NFC').replace(UNSAFE, '_');
  const plain =
    safe === campaignId &&
    safe.length > 0 &&
    safe.length <= MAX_CHARS &&
    !safe.startsWith('.') &&
    safe === safe.toLowerCase();
  const base = plain ? safe : `${safe.replace(/^\.+/, '_').slice(0, MAX_CHARS)}~${idHash(campaignId)}`;
  return `${base}${attempt > 1 ? `~${attempt}` : ''}.audit.json`;
}
