// The worker's own check of a campaign it is asked to run. `dondoc start` validates the file, but anyone who
// reaches the Temporal namespace can start a campaign workflow with any definition: the worker checks again what
// it relies on before it starts a unit or sends a notice (SECURITY.md). It takes the normalized Campaign (what
// validate.ts gives and the workflows carry), so its checks are of that form, not of the file's: the header,
// every unit (id, name, level, parent, addresses, as the file's schema has them), a tree with one root, the
// milestones' ids and kinds, no reserved id or control character anywhere (hostile.ts), a schedule that can be
// computed (schedule-check.ts), and the limits. Pure; the templates are checked by the activity (they are
// activities' code).
import { IANAZone } from 'luxon';
import { hostileIssues } from './hostile';
import type { DefinitionIssue, PathSegment } from './issues';
import { MAX_UNITS } from './limits';
import { scheduleIssues } from './schedule-check';
import { MILESTONE_KINDS, unitSchema } from './schema';
import type { Campaign } from './types';

const ID = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;
const FILE = '(định nghĩa chiến dịch gửi tới worker)';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const validId = (v: unknown): v is string => typeof v === 'string' && v.length <= 80 && ID.test(v);

type Add = (path: PathSegment[], message: string) => void;

function checkHeader(add: Add, h: unknown): void {
  if (!isRecord(h)) {
    add(['campaign'], 'thiếu phần campaign');
    return;
  }
  if (!validId(h.id)) add(['campaign', 'id'], 'mã chiến dịch không hợp lệ');
  if (typeof h.title !== 'string' || h.title === '') add(['campaign', 'title'], 'thiếu tên chiến dịch');
  if (typeof h.timeZone !== 'string' || !IANAZone.isValidZone(h.timeZone))
    add(['campaign', 'timeZone'], 'múi giờ không hợp lệ');
  if (h.language !== 'vi' && h.language !== 'en')
    add(['campaign', 'language'], 'ngôn ngữ phải là vi hoặc en');
}

/** Each unit as the file's schema has it; ids unique; parents known; one root, the issuer; no cycle. */
function checkUnits(add: Add, c: Record<string, unknown>): void {
  const units = c.units;
  if (!Array.isArray(units) || units.length === 0 || units.length > MAX_UNITS) {
    add(['units'], `cần từ 1 đến ${MAX_UNITS} đơn vị`);
    return;
  }
  const levels = new Set(
    Array.isArray(c.levels) ? c.levels.map((l) => (isRecord(l) ? l.id : undefined)) : [],
  );
  const parents = new Map<string, string | undefined>();
  for (const [i, u] of units.entries()) {
    const r = unitSchema.safeParse(u);
    if (!r.success) {
      add(['units', i, String(r.error.issues[0]?.path[0] ?? '')], 'đơn vị không hợp lệ');
      continue;
    }
    if (parents.has(r.data.id)) add(['units', i, 'id'], `mã đơn vị '${r.data.id}' bị trùng`);
    if (!levels.has(r.data.level)) add(['units', i, 'level'], `không có cấp '${r.data.level}'`);
    parents.set(r.data.id, r.data.parent ?? undefined);
  }
  const roots = [...parents].filter(([, p]) => p === undefined).map(([id]) => id);
  const issuer = isRecord(c.campaign) ? c.campaign.issuer : undefined;
  if (roots.length !== 1 || roots[0] !== issuer)
    add(['campaign', 'issuer'], 'cây đơn vị phải có một gốc là đơn vị ban hành');
  for (const [id, parent] of parents) {
    if (parent !== undefined && !parents.has(parent))
      add(['units'], `đơn vị '${id}': không có đơn vị cấp trên '${parent}'`);
  }
  if (!acyclic(parents)) add(['units'], 'cây đơn vị có vòng lặp');
}

/** Every parent chain reaches a root (iterative, with a memo: linear, a deep chain cannot overflow the stack). */
function acyclic(parents: Map<string, string | undefined>): boolean {
  const done = new Set<string>();
  for (const start of parents.keys()) {
    const path = new Set<string>();
    let at: string | undefined = start;
    while (at !== undefined && !done.has(at)) {
      if (path.has(at)) return false;
      path.add(at);
      at = parents.get(at);
    }
    for (const id of path) done.add(id);
  }
  return true;
}

function checkMilestones(add: Add, milestones: unknown): void {
  if (!Array.isArray(milestones) || milestones.length === 0) {
    add(['milestones'], 'thiếu danh sách mốc');
    return;
  }
  const seen = new Set<string>();
  for (const [i, m] of milestones.entries()) {
    if (!isRecord(m) || !validId(m.id)) {
      add(['milestones', i, 'id'], 'mã mốc không hợp lệ');
      continue;
    }
    if (seen.has(m.id)) add(['milestones', i, 'id'], `mã mốc '${m.id}' bị trùng`);
    seen.add(m.id);
    if (!(MILESTONE_KINDS as readonly unknown[]).includes(m.kind))
      add(['milestones', i, 'kind'], 'loại mốc không hợp lệ');
    if (typeof m.title !== 'string' || m.title === '') add(['milestones', i, 'title'], 'thiếu tên mốc');
  }
}

/** Every reason the worker must not run this definition; empty when it may. Never throws. */
export function recheckCampaign(campaign: unknown): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const add: Add = (path, message) => issues.push({ file: FILE, path, code: 'not_runnable', message });
  if (!isRecord(campaign)) {
    add([], 'không phải một định nghĩa chiến dịch');
    return issues;
  }
  checkHeader(add, campaign.campaign);
  checkUnits(add, campaign);
  checkMilestones(add, campaign.milestones);
  issues.push(...hostileIssues(campaign, { file: FILE, lang: 'vi', origins: [] }));
  if (issues.length > 0) return issues;
  try {
    issues.push(...scheduleIssues(campaign as unknown as Campaign, FILE, 'vi'));
  } catch (err) {
    add(['milestones'], `không tính được lịch: ${err instanceof Error ? err.message : String(err)}`);
  }
  return issues;
}
