// The live benchmark's campaign, as a file a user would write: the synthetic tree of N units (synthetic.ts) and
// one plan milestone, open from the start (every unit but the issuer gets its "opened" email at once), due at an
// exact local time a few hours after the burst instant T, with one reminder at an exact offset before it so
// that every unit's reminder falls at T (compressed the way demo/campaign.ts compresses the demo's calendar:
// exact `PT…` offsets, due at a whole minute in the campaign's zone, working days ignored).
import { writeFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { milestonesFor } from '../../core/definition/tree';
import type { Campaign } from '../../core/definition/types';
import { synthetic } from '../synthetic';
import { literal } from './sink-client';

export const MILESTONE = 'plan';
export const ZONE = 'Asia/Ho_Chi_Minh';
/** The due instant is this long after T: past the end of the benchmark, so no overdue notice interferes. */
export const REMINDER_OFFSET_HOURS = 6;

export interface LiveCampaign {
  id: string;
  file: string;
  /** The burst instant T and the due instant, epoch ms. */
  burstAt: number;
  dueAt: number;
  units: number;
  /** Every unit, in the definition's order (issuer, districts, communes). */
  unitIds: string[];
  /** Units the milestone applies to (all but the issuer): one opened, one reminder, one receipt each. */
  owing: string[];
}

/** The next whole minute at least `leadMs` from `now`. */
export function nextWholeMinute(now: number, leadMs: number): number {
  return Math.ceil((now + leadMs) / 60_000) * 60_000;
}

function fileOf(n: number, id: string, burstAt: number, dueAt: number): Record<string, unknown> {
  const base: Campaign = synthetic(n, new Date(burstAt).getUTCFullYear());
  const local = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE });
  return {
    campaign: {
      id,
      title: `Thử tải thời gian thực (${n} đơn vị)`,
      issuer: base.campaign.issuer,
      document: { issued: local(Date.now()).toISODate() },
      timeZone: ZONE,
      language: 'vi',
    },
    levels: base.levels,
    units: base.units,
    milestones: [
      {
        id: MILESTONE,
        kind: 'plan',
        title: 'Kế hoạch tổ chức Ngày hội',
        appliesTo: { all: true },
        due: local(dueAt).toFormat('yyyy-MM-dd HH:mm'),
        reminders: { offsets: [`PT${REMINDER_OFFSET_HOURS}H`], workingDaysOnly: false },
        escalation: {
          steps: [{ after: 'PT1H', to: ['unit', 'parent'] }],
          maxRepeats: 0,
          workingDaysOnly: false,
        },
      },
    ],
  };
}

/** Writes the campaign file into `dir`; its reminder falls at `burstAt` (a whole minute). */
export function writeCampaign(dir: string, n: number, burstAt: number): LiveCampaign {
  const stamp = DateTime.fromMillis(Date.now(), { zone: ZONE }).toFormat('yyyyMMdd-HHmmss');
  const id = `bench-live-${n}-${stamp}`;
  const dueAt = burstAt + REMINDER_OFFSET_HOURS * 3_600_000;
  const content = fileOf(n, id, burstAt, dueAt);
  const file = `${dir}/${id}.json`;
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  const base = synthetic(n, new Date(burstAt).getUTCFullYear());
  const owing = base.units.filter((u) => milestonesFor(base, u).length > 0).map((u) => u.id);
  return { id, file, burstAt, dueAt, units: base.units.length, unitIds: base.units.map((u) => u.id), owing };
}

/** The Message-IDs of the campaign's notices of `kind` (opened, reminder, receipt) about the milestone. */
export function noticePattern(c: LiveCampaign, kind: string): string {
  return `^<${literal(c.id)}\\.[^.]+\\.${MILESTONE}\\.${kind}\\.`;
}
