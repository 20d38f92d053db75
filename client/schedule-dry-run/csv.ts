// The dry run as CSV for a spreadsheet: one row per email, every cell neutralised against formula injection
// (a name typed into the campaign file may start with "=") and quoted as needed; UTF-8 with a BOM, CRLF
// (core/report/csv.ts's `toCsv`, through csv-stringify).
import { toCsv } from '../../core/report/csv';
import { kindText, type Lang, local, notesText } from './text';
import type { DryRun, DryRunNotice } from './types';

export const CSV_COLUMNS = [
  'at',
  'local',
  'kind',
  'notice',
  'seq',
  'unitId',
  'unitName',
  'milestoneId',
  'milestoneTitle',
  'dueAt',
  'phase',
  'offset',
  'after',
  'repeat',
  'recipients',
  'toUnits',
  'toNames',
  'emails',
  'movedFrom',
  'note',
  'listed',
  'messageId',
] as const;

function cells(n: DryRunNotice, zone: string, lang: Lang): (string | number | null)[] {
  const values: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
    at: n.at,
    local: local(n.at, zone),
    kind: n.kind,
    notice: kindText(n, lang),
    seq: n.seq,
    unitId: n.unit.id,
    unitName: n.unit.name,
    milestoneId: n.milestone?.id ?? null,
    milestoneTitle: n.milestone?.title ?? null,
    dueAt: n.dueAt ?? null,
    phase: n.phase ?? null,
    offset: n.offset ?? null,
    after: n.after ?? null,
    repeat: n.repeat ?? null,
    recipients: n.recipients.join(';'),
    toUnits: n.to.map((t) => t.id).join(';'),
    toNames: n.to.map((t) => t.name).join(';'),
    emails: n.emails.join(';'),
    movedFrom: n.moved?.from ?? null,
    note: notesText(n, lang),
    listed: n.listed?.map((l) => `${l.unit.id}/${l.milestone.id}`).join(';') ?? null,
    messageId: n.messageId,
  };
  return CSV_COLUMNS.map((k) => values[k]);
}

export function renderCsv(run: DryRun): string {
  const lang: Lang = run.campaign.language === 'en' ? 'en' : 'vi';
  return toCsv([[...CSV_COLUMNS], ...run.notices.map((n) => cells(n, run.campaign.timeZone, lang))]);
}
