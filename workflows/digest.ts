// Daily digests of escalations (`escalation.digest: daily`), shared by the unit workflow (a parent unit as
// superior) and the campaign workflow (the issuer as superior).
//
// A subordinate whose milestone becomes overdue reports it to each superior its escalation steps name, once,
// with the instants of those steps (computed by the calendar activity: the policy's sendAt on working days);
// it reports again when that changes and withdraws the report when the milestone stops being overdue
// (submitted, waived, extended, closed). The superior sends one digest at the first step instant not yet
// covered by a digest, listing every reported subordinate whose first step to it has come: all of its overdue
// subordinates at that moment, each once. Steps of one policy share one sendAt, so that is one digest per
// superior and day; a later instant on the same day (another milestone's sendAt) sends that day's digest
// number 2. Reporting ahead of the step makes the digest leave exactly at the policy's sendAt, however many
// subordinates become due at that instant, instead of waiting for a burst of signals to settle.
import { condition } from '@temporalio/workflow';
import { digestMessageId } from '../contract/ids';
import type { Contact, DigestState, OverdueReport, OverdueRow } from '../contract/messages';
import type { DigestNotice } from '../contract/notices';
import type { CampaignHeader } from '../core/definition/types';

export function emptyDigest(): DigestState {
  return { rows: [], sent: [] };
}

const rowKey = (r: { unitId: string; milestoneId: string }) => `${r.unitId}/${r.milestoneId}`;

/** A subordinate's report: adds, replaces or withdraws its row (a replaced row keeps when it was listed). */
export function applyReport(d: DigestState, report: OverdueReport): void {
  const key = rowKey(report);
  const i = d.rows.findIndex((r) => rowKey(r) === key);
  const old = i >= 0 ? d.rows[i] : undefined;
  if (i >= 0) d.rows.splice(i, 1);
  if (!report.row) return;
  const row: OverdueRow = { ...report.row };
  delete row.listedAt;
  if (old?.listedAt && old.dueAt === row.dueAt) row.listedAt = old.listedAt;
  d.rows.push(row);
}

/** The first step instant not yet covered by a digest that listed its row. */
export function nextDigestAt(d: DigestState): string | undefined {
  let best: string | undefined;
  for (const r of d.rows) {
    const after = r.listedAt ? Date.parse(r.listedAt) : Number.NEGATIVE_INFINITY;
    const s = r.steps.find((x) => Date.parse(x) > after);
    if (s && (best === undefined || Date.parse(s) < Date.parse(best))) best = s;
  }
  return best;
}

/** Every reported subordinate whose first escalation to this superior has come by `now`. */
export function escalatedRows(d: DigestState, now: number): OverdueRow[] {
  return d.rows
    .filter((r) => r.steps.length > 0 && Date.parse(r.steps[0] as string) <= now)
    .sort(
      (a, b) =>
        Date.parse(a.dueAt) - Date.parse(b.dueAt) ||
        (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0) ||
        (a.milestoneId < b.milestoneId ? -1 : a.milestoneId > b.milestoneId ? 1 : 0),
    );
}

/**
 * Whom a digest copies for information (Cc): the issuer's digests copy the campaign's `copyTo` and that of each
 * milestone they list, each address once; another superior's digest copies nobody. Empty without any `copyTo`
 * (every campaign before it existed), so their digests are sent as they were.
 */
export function digestCopies(campaign: CampaignHeader, superiorId: string, rows: OverdueRow[]): string[] {
  if (superiorId !== campaign.issuer) return [];
  const all = [...(campaign.copyTo ?? []).flatMap((r) => r.emails), ...rows.flatMap((r) => r.cc ?? [])];
  return [...new Set(all)];
}

export interface DigestLoop {
  /** The superior's digest state, once a subordinate has reported to it. */
  digest: () => DigestState | undefined;
  campaign: CampaignHeader;
  /** The superior: the digest goes to its addresses. */
  superior: Contact;
  issuerName: string;
  /** Changes whenever a report arrives. */
  revision: () => number;
  stopped: () => boolean;
  send: (n: DigestNotice) => Promise<{ failure?: string }>;
}

/** Sends the superior's digests as their instants come, until stopped. */
export async function runDigests(o: DigestLoop): Promise<void> {
  for (;;) {
    if (o.stopped()) return;
    const rev = o.revision();
    const woken = () => o.stopped() || o.revision() !== rev;
    const d = o.digest();
    const at = d && nextDigestAt(d);
    if (!at) {
      await condition(woken);
      continue;
    }
    if (!d) continue;
    const wait = Date.parse(at) - Date.now();
    if (wait > 0 && (await condition(woken, wait))) continue;
    const now = Date.now();
    const asOf = new Date(now).toISOString();
    const rows = escalatedRows(d, now);
    for (const r of rows) r.listedAt = asOf;
    if (rows.length === 0 || o.superior.emails.length === 0) continue;
    // The step instant carries the campaign zone's offset: its first ten characters are the local date.
    const day = at.slice(0, 10);
    const seq = d.sent.filter((x) => x.day === day).length + 1;
    const messageId = digestMessageId(o.campaign.id, o.superior.id, day, seq);
    const to = [...o.superior.emails];
    const cc = digestCopies(o.campaign, o.superior.id, rows);
    const { failure } = await o.send({
      kind: 'digest',
      campaign: o.campaign,
      unit: { id: o.superior.id, name: o.superior.name, emails: o.superior.emails },
      issuerName: o.issuerName,
      to,
      messageId,
      seq,
      asOf: at,
      rows: rows.map((r) => ({
        unit: { id: r.unitId, name: r.unitName, emails: r.emails },
        milestone: { id: r.milestoneId, title: r.milestoneTitle },
        dueAt: r.dueAt,
      })),
      ...(cc.length > 0 ? { cc } : {}),
    });
    d.sent.push({
      day,
      seq,
      plannedAt: at,
      sentAt: new Date(Date.now()).toISOString(),
      to,
      ...(cc.length > 0 ? { cc } : {}),
      messageId,
      rows: rows.map(rowKey),
      ...(failure ? { failure } : {}),
    });
  }
}
