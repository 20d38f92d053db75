// `digest: daily`: the digests each superior would send in the dry run, replayed with the digest loop's own
// pure functions (applyReport, nextDigestAt, escalatedRows) over the rows the overdue milestones report.
import { digestMessageId } from '../../contract/ids';
import type { DigestState, OverdueRow } from '../../contract/messages';
import type { CampaignHeader } from '../../core/definition/types';
import { applyReport, digestCopies, emptyDigest, escalatedRows, nextDigestAt } from '../../workflows/digest';
import type { DryRunNotice, DryRunRecipient } from './types';

/** A row an overdue milestone holds in one superior's digest, as JSON (wantedRows), and its steps' moves. */
export interface DigestReport {
  superiorId: string;
  row: string;
  /** Escalation instant → the nominal day it moved off, if it did. */
  moves: Map<string, string | undefined>;
}

const MAX_DIGESTS = 10_000;

function digestsOf(
  campaign: CampaignHeader,
  superior: DryRunRecipient,
  d: DigestState,
  notes: (at: string) => Pick<DryRunNotice, 'moved' | 'madeUp'>,
): DryRunNotice[] {
  const out: DryRunNotice[] = [];
  for (let i = 0; i < MAX_DIGESTS; i++) {
    const at = nextDigestAt(d);
    if (!at) return out;
    const rows = escalatedRows(d, Date.parse(at));
    if (rows.length === 0) throw new Error(`dry run: the digest of ${superior.id} at ${at} lists nobody`);
    for (const r of rows) r.listedAt = at;
    const day = at.slice(0, 10);
    const seq = d.sent.filter((x) => x.day === day).length + 1;
    const messageId = digestMessageId(campaign.id, superior.id, day, seq);
    const cc = digestCopies(campaign, superior.id, rows);
    d.sent.push({ day, seq, plannedAt: at, sentAt: at, to: superior.emails, messageId, rows: [] });
    out.push({
      at,
      kind: 'digest',
      seq,
      unit: { id: superior.id, name: superior.name },
      recipients: [],
      to: [superior],
      emails: [...superior.emails],
      ...(cc.length > 0 ? { cc } : {}),
      messageId,
      listed: rows.map((r) => ({
        unit: { id: r.unitId, name: r.unitName },
        milestone: { id: r.milestoneId, title: r.milestoneTitle },
        dueAt: r.dueAt,
      })),
      ...notes(at),
    });
  }
  throw new Error(`dry run: the digests of ${superior.id} do not settle`);
}

/** Every superior's digests, superiors in the order they were first reported to. */
export function digestNotices(
  campaign: CampaignHeader,
  reports: DigestReport[],
  contact: (id: string) => DryRunRecipient,
  notes: (at: string, movedFrom: string | undefined) => Pick<DryRunNotice, 'moved' | 'madeUp'>,
): DryRunNotice[] {
  const states = new Map<string, DigestState>();
  const moves = new Map<string, string | undefined>();
  for (const r of reports) {
    const row = JSON.parse(r.row) as OverdueRow;
    let d = states.get(r.superiorId);
    if (!d) {
      d = emptyDigest();
      states.set(r.superiorId, d);
    }
    applyReport(d, { unitId: row.unitId, milestoneId: row.milestoneId, row });
    for (const at of row.steps) if (!moves.get(at)) moves.set(at, r.moves.get(at));
  }
  return [...states].flatMap(([id, d]) =>
    digestsOf(campaign, contact(id), d, (at) => notes(at, moves.get(at))),
  );
}
