// Units in the demo: most submit on time, some late, some first send something wrong (and are refused), some
// never. Tân Yên's draft plan is returned once, then approved. Everything goes through the engine's updates.
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DateTime } from 'luxon';
import { mintUnitLink, unitLinkUrl } from '../access/tokens';
import { unitWorkflowId } from '../contract/ids';
import { approveUpdate, returnUpdate, submitUpdate } from '../contract/messages';
import type { SubmissionPayload } from '../contract/submission';
import { unitSchedule } from '../core/calendar/schedule';
import { milestonesFor } from '../core/definition/tree';
import type { Campaign, Milestone, Unit } from '../core/definition/types';
import { demoPdf, submitThroughPortal } from './portal-client';

export type Behaviour = 'on-time' | 'late' | 'error-then-on-time' | 'never';

/** About a third of the units act through the portal's forms, as a person with the emailed link would. */
export function usesPortal(unitId: string): boolean {
  let h = 7;
  for (const ch of unitId) h = (h * 33 + ch.charCodeAt(0)) >>> 0;
  return h % 3 === 0;
}

/** A fixed share per behaviour, spread over units by a hash of the unit and milestone. */
export function behaviourOf(unitId: string, milestoneId: string): Behaviour {
  let h = 0;
  for (const ch of `${unitId}/${milestoneId}`) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const r = h % 20;
  return r < 11 ? 'on-time' : r < 15 ? 'late' : r < 17 ? 'error-then-on-time' : 'never';
}

function valueFor(type: string, today: string, n: number): string | number | boolean {
  if (type === 'integer' || type === 'number') return 1 + (n % 7) * 50;
  if (type === 'date') return today;
  if (type === 'boolean') return n % 2 === 0;
  return 'Tốt';
}

export function goodPayload(m: Milestone, unit: Unit, today: string, n: number): SubmissionPayload {
  switch (m.kind) {
    case 'draft-plan':
    case 'plan':
      return {
        document: { title: `Kế hoạch số ${n + 1}/KH-${unit.id}`, summary: `Kế hoạch của ${unit.name}` },
      };
    case 'site-registration':
      return {
        sites: [
          Object.fromEntries(
            m.siteFields
              .filter((f) => f.required !== false)
              .map((f) => [f.id, f.type === 'text' ? `${unit.name}` : valueFor(f.type, today, n)]),
          ),
        ],
      };
    case 'event-window':
      return { events: [{ date: today, place: `Nhà văn hóa ${unit.name}`, attendance: 120 + n * 10 }] };
    case 'result-report':
    case 'periodic-report':
      // A report without outline is a document only.
      if (m.outline.length === 0) return { document: { title: `Báo cáo kết quả của ${unit.name}` } };
      return { values: Object.fromEntries(m.outline.map((f) => [f.id, valueFor(f.type, today, n)])) };
  }
}

/** Something a unit might really send by mistake: a figure below zero, or an empty submission. */
export function badPayload(m: Milestone): SubmissionPayload {
  if ((m.kind === 'result-report' || m.kind === 'periodic-report') && m.outline?.[0]) {
    return { values: { [m.outline[0].id]: -5 } };
  }
  return {};
}

interface Action {
  at: number;
  label: string;
  run: () => Promise<string>;
}

export interface SimulatorOptions {
  client: Client;
  campaign: Campaign;
  log: (line: string) => void;
  /** The wall clock: injected so tests can start the simulator against any campaign. */
  now?: () => number;
  /** Resuming a demo after a restart: actions planned before this instant are not played again. */
  skipBefore?: number;
  /** The portal: some units then submit through its forms, from a link signed as the emails' are. */
  portal?: { publicUrl: string; secret: Uint8Array };
}

/** A unit's workflow may still be starting: an update is tried again for a little while. */
async function retryStarting<T>(fn: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError) || i >= 30) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** What the simulated people do: submit (by the engine's update or the portal's form), return, approve. */
interface Performers {
  submit: (unit: Unit, m: Milestone, payload: SubmissionPayload) => () => Promise<string>;
  returnDraft: (unit: Unit, m: Milestone, by: string) => () => Promise<string>;
  approveDraft: (unit: Unit, m: Milestone, by: string) => () => Promise<string>;
  /** Submissions refused so far. */
  refused: () => number;
}

function performers(opts: SimulatorOptions): Performers {
  const { client, campaign: c } = opts;
  const handle = (unitId: string) => client.workflow.getHandle(unitWorkflowId(c.campaign.id, unitId));
  let refused = 0;
  const viaPortal = async (
    unit: Unit,
    m: Milestone,
    payload: SubmissionPayload,
    portal: { publicUrl: string; secret: Uint8Array },
  ) => {
    const token = await mintUnitLink({ secret: portal.secret, campaignId: c.campaign.id, unitId: unit.id });
    const withDoc = payload.document !== undefined;
    const r = await submitThroughPortal({
      link: unitLinkUrl(portal.publicUrl, token),
      milestone: m,
      payload,
      actorName: `Cán bộ ${unit.name}`,
      actorPosition: 'Văn phòng',
      ...(withDoc
        ? { document: { name: `${m.id}-${unit.id}.pdf`, data: demoPdf(payload.document?.title ?? m.title) } }
        : {}),
    });
    if (!r.ok) refused += 1;
    const said = r.text.length > 200 ? `${r.text.slice(0, 200)}…` : r.text;
    const how = `qua cổng thông tin${withDoc ? ' (kèm văn bản PDF)' : ''}`;
    return `${unit.name} gửi "${m.title}" ${how}: ${r.ok ? 'đã ghi nhận' : `bị từ chối (${r.status}): ${said}`}`;
  };
  const submit = (unit: Unit, m: Milestone, payload: SubmissionPayload) => async () => {
    const portal = opts.portal;
    if (portal && usesPortal(unit.id) && (m.kind === 'plan' || m.kind === 'result-report')) {
      return await retryStarting(() => viaPortal(unit, m, payload, portal));
    }
    try {
      const r = await retryStarting(() =>
        handle(unit.id).executeUpdate(submitUpdate, {
          args: [{ milestoneId: m.id, actor: `Cán bộ ${unit.name}`, payload }],
        }),
      );
      return `${unit.name} gửi "${m.title}": ${r.onTime ? 'đúng hạn' : 'muộn'}${r.flags.length ? ` (${r.flags.join('; ')})` : ''}`;
    } catch (err) {
      if (!(err instanceof WorkflowUpdateFailedError)) throw err;
      refused += 1;
      return `${unit.name} gửi "${m.title}" bị từ chối: ${err.cause?.message ?? err.message}`;
    }
  };
  const returnDraft = (unit: Unit, m: Milestone, by: string) => async () => {
    await retryStarting(() =>
      handle(unit.id).executeUpdate(returnUpdate, {
        args: [{ milestoneId: m.id, actor: by, reason: 'Bổ sung phân công nhiệm vụ cho các ngành' }],
      }),
    );
    return `PV05 trả lại dự thảo của ${unit.name}: bổ sung phân công nhiệm vụ`;
  };
  const approveDraft = (unit: Unit, m: Milestone, by: string) => async () => {
    await retryStarting(() =>
      handle(unit.id).executeUpdate(approveUpdate, { args: [{ milestoneId: m.id, actor: by }] }),
    );
    return `PV05 duyệt dự thảo của ${unit.name}`;
  };
  return { submit, returnDraft, approveDraft, refused: () => refused };
}

/** Every unit's actions from the campaign's schedule, in time order. */
function planActions(c: Campaign, act: Performers): Action[] {
  const zone = c.campaign.timeZone;
  const byId = new Map(c.units.map((u) => [u.id, u]));
  const actions: Action[] = [];
  c.units.forEach((unit, n) => {
    if (unit.id === c.campaign.issuer) return;
    const schedules = unitSchedule(c, unit.id);
    for (const m of milestonesFor(c, unit)) {
      const s = schedules.find((x) => x.milestoneId === m.id);
      if (!s) continue;
      const due = Date.parse(s.dueAt);
      const opens = s.opensAt ? Date.parse(s.opensAt) : undefined;
      const today = DateTime.fromMillis(opens ?? due - 1, { zone }).toISODate() as string;
      const good = goodPayload(m, byId.get(unit.id) as Unit, today, n);
      const jitter = (1000 * ((n * 7 + m.id.length) % 20)) as number;
      const onTimeAt = opens !== undefined ? opens + 10_000 + jitter : due - 35_000 + jitter;
      // A draft is always sent, so the demo shows it returned and then approved.
      const b = m.kind === 'draft-plan' ? 'on-time' : behaviourOf(unit.id, m.id);
      if (b === 'never') continue;
      if (b === 'error-then-on-time') {
        actions.push({ at: onTimeAt - 10_000, label: 'lỗi', run: act.submit(unit, m, badPayload(m)) });
      }
      const at = b === 'late' ? due + 8_000 + jitter : onTimeAt;
      actions.push({ at, label: b, run: act.submit(unit, m, good) });
      if (m.kind === 'draft-plan') {
        const by = 'Thường trực BCĐ tỉnh (PV05)';
        actions.push({ at: at + 3_000, label: 'trả lại', run: act.returnDraft(unit, m, by) });
        actions.push({ at: at + 8_000, label: 'gửi lại', run: act.submit(unit, m, good) });
        actions.push({ at: at + 12_000, label: 'duyệt', run: act.approveDraft(unit, m, by) });
      }
    }
  });
  return actions.sort((a, b) => a.at - b.at);
}

/** Plans every unit's actions from the campaign's schedule and performs them on time; resolves when done. */
export async function runSimulator(opts: SimulatorOptions): Promise<{ done: number; refused: number }> {
  const now = opts.now ?? Date.now;
  const zone = opts.campaign.campaign.timeZone;
  const act = performers(opts);
  const actions = planActions(opts.campaign, act);
  const todo = actions.filter((a) => opts.skipBefore === undefined || a.at >= opts.skipBefore);

  let done = 0;
  const clock = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('HH:mm:ss');
  // One after another, in time order: a returned draft is resubmitted only after it was returned.
  for (const a of todo) {
    const wait = a.at - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    try {
      opts.log(`[${clock(now())}] ${await a.run()}`);
      done += 1;
    } catch (err) {
      opts.log(
        `[${clock(now())}] (${a.label}) không thực hiện được: ${err instanceof Error ? err.message : err}`,
      );
    }
  }
  return { done, refused: act.refused() };
}
