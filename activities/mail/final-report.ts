// The final report mailed to the issuer once a closed campaign is archived: the completeness of each
// milestone (from the report the archive holds) and the whole report attached as CSV, to the issuer's
// addresses, with the recipients for information only (`copyTo`) in Cc. Written with the default templates'
// `final-report.*` files and their header and footer (templates/vi, templates/en). Pure but for reading those
// files once: the same input gives the same message, Message-ID and MIME boundaries included.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { finalReportMessageId } from '../../contract/ids';
import type { Language } from '../../contract/notices';
import type { Campaign } from '../../core/definition/types';
import type { Report } from '../../core/report/build';
import { reportToCsv } from '../../core/report/csv';
import type { ComposedMail } from './compose';
import { at } from './context';
import { inlinePartials } from './names';
import { escapeHtml, type Node, parseTemplate, render, type Scope } from './template';
import { DEFAULT_TEMPLATE_DIR } from './templates';

export interface FinalReportInput {
  campaign: Campaign;
  /** The final report, as the archive holds it. */
  report: Report;
}

type Compiled = Record<'subject' | 'text' | 'html', Node[]>;
const compiled = new Map<Language, Compiled>();

function parsed(lang: Language, base: string): Node[] {
  const file = path.join(DEFAULT_TEMPLATE_DIR, lang, base);
  const { nodes, problems } = parseTemplate(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  if (problems.length > 0) throw new Error(`${file}: ${problems.map((p) => p.message).join('; ')}`);
  return nodes;
}

function templatesOf(lang: Language): Compiled {
  let t = compiled.get(lang);
  if (!t) {
    const partial = (ext: 'txt' | 'html') => (name: string) => parsed(lang, `_${name}.${ext}`);
    t = {
      subject: parsed(lang, 'final-report.subject.txt'),
      text: inlinePartials(parsed(lang, 'final-report.txt'), partial('txt')),
      html: inlinePartials(parsed(lang, 'final-report.html'), partial('html')),
    };
    compiled.set(lang, t);
  }
  return t;
}

/** The issuer's addresses (To), and every `copyTo` address of the campaign and its milestones (Cc), each once. */
export function finalReportRecipients(c: Campaign): { to: string[]; cc: string[] } {
  const to = [...new Set(c.units.find((u) => u.id === c.campaign.issuer)?.emails ?? [])];
  const copied = [
    ...(c.campaign.copyTo ?? []).flatMap((r) => r.emails),
    ...c.milestones.flatMap((m) => (m.copyTo ?? []).flatMap((r) => r.emails)),
  ];
  return { to, cc: [...new Set(copied)].filter((a) => !to.includes(a)) };
}

function percent(n: number | null, lang: Language): string {
  if (n === null) return lang === 'vi' ? 'không áp dụng' : 'n/a';
  const s = `${Math.round(n * 1000) / 10}`;
  return `${lang === 'vi' ? s.replace('.', ',') : s}%`;
}

function scopeOf(input: FinalReportInput, lang: Language, fileName: string): Scope {
  const { campaign: c, report } = input;
  const root = report.levels[0]?.rows.find((r) => r.unitId === report.root.unitId);
  const asOf = at(report.generatedAt, c.campaign.timeZone);
  return {
    'campaign.id': c.campaign.id,
    'campaign.title': c.campaign.title,
    'campaign.document': c.campaign.document.number ?? '',
    'campaign.contact': c.campaign.contact ?? '',
    'campaign.issuer': report.root.name,
    addressee: report.root.name,
    'asOf.date': asOf.toFormat('dd/MM/yyyy'),
    'report.root': report.root.name,
    'report.file': fileName,
    'report.rows': report.milestones.map((m) => {
      const cell = root?.milestones[m.id];
      const t = cell?.tally;
      return {
        'row.milestone': m.title,
        'row.expected': t?.expected ?? 0,
        'row.submitted': t?.submitted ?? 0,
        'row.onTime': t?.onTime ?? 0,
        'row.late': t?.late ?? 0,
        'row.waived': t?.waived ?? 0,
        'row.missing': t?.missing ?? 0,
        'row.completeness': percent(cell?.completeness ?? null, lang),
      };
    }),
  };
}

/** The final report's mail; undefined when the issuer has no address. */
export function composeFinalReport(input: FinalReportInput, from: string): ComposedMail | undefined {
  const { campaign: c, report } = input;
  const { to, cc } = finalReportRecipients(c);
  if (to.length === 0) return undefined;
  const lang = c.campaign.language;
  const fileName = `${c.campaign.id.replace(/[^\w.-]/g, '_')}.csv`;
  const scope = scopeOf(input, lang, fileName);
  const t = templatesOf(lang);
  const subject = render(t.subject, scope, (s) => s)
    .replace(/\s+/g, ' ')
    .trim();
  const text = `${render(t.text, { ...scope, subject }, (s) => s)
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
  const html = render(t.html, { ...scope, subject }, escapeHtml);
  const names = new Map(c.units.map((u) => [u.id, u.name]));
  const messageId = finalReportMessageId(c.campaign.id);
  return {
    from,
    to,
    ...(cc.length > 0 ? { cc } : {}),
    subject,
    text,
    html,
    date: new Date(report.generatedAt),
    messageId,
    headers: {
      'Auto-Submitted': 'auto-generated',
      'Content-Language': lang,
      'X-Dondoc-Campaign': c.campaign.id,
      'X-Dondoc-Unit': c.campaign.issuer,
      'X-Dondoc-Kind': 'final-report',
    },
    attachments: [
      {
        filename: fileName,
        content: reportToCsv(report, names),
        contentType: 'text/csv; charset=utf-8',
      },
    ],
    baseBoundary: createHash('sha256').update(messageId).digest('hex').slice(0, 16),
  };
}
