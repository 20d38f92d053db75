// The dry run as a plain text table for a terminal: every user-typed string made printable.

import { printable } from '../../core/text/printable';
import { table } from '../format';
import { kindText, type Lang, local, notesText, recipientsText, WORDS } from './text';
import type { DryRun, DryRunNotice } from './types';

function unitText(u: { id: string; name: string }): string {
  return `${printable(u.name)} (${u.id})`;
}

function toText(n: DryRunNotice, lang: Lang): string {
  const who = n.to.map((t) => `${t.id} <${t.emails.map(printable).join(', ')}>`).join('; ');
  if (n.kind === 'digest' && n.cc) return `${who}; Cc: ${n.cc.map(printable).join(', ')}`;
  if (n.kind === 'digest' || n.recipients.every((r) => r === 'unit')) return who;
  return `${recipientsText(
    n.recipients.filter((r) => r !== 'unit'),
    lang,
  )}: ${who}`;
}

function milestoneText(n: DryRunNotice, lang: Lang): string {
  if (n.milestone) return n.milestone.id;
  const listed = n.listed ?? [];
  return `${WORDS[lang].digestOf(listed.length)}: ${listed.map((l) => `${l.unit.id}/${l.milestone.id}`).join(', ')}`;
}

/** The milestones named in the table, each with its title, in the order they first appear. */
function legend(run: DryRun): string[] {
  const seen = new Map<string, string>();
  for (const n of run.notices)
    if (n.milestone && !seen.has(n.milestone.id)) seen.set(n.milestone.id, n.milestone.title);
  return [...seen].map(([id, title]) => `  ${id}: ${printable(title)}`);
}

export function renderTable(run: DryRun, byDefault: boolean): string {
  const lang: Lang = run.campaign.language === 'en' ? 'en' : 'vi';
  const w = WORDS[lang];
  const zone = run.campaign.timeZone;
  const rows = run.notices.map((n) => [
    local(n.at, zone),
    kindText(n, lang),
    unitText(n.unit),
    milestoneText(n, lang),
    toText(n, lang),
    notesText(n, lang),
  ]);
  return [
    w.header(run.campaign.id, printable(run.campaign.title), zone),
    w.assumption(local(run.start, zone), byDefault),
    ...legend(run),
    '',
    table([w.columns, ...rows]),
    w.count(run.notices.length),
    '',
  ].join('\n');
}
