// The final report mailed to the issuer once a closed campaign is archived: the completeness of each
// milestone (from the report the archive holds) and the whole report attached as CSV, to the issuer's
// addresses, with the recipients for information only (`copyTo`) in Cc. Written with the default templates'
// `final-report.*` files and their header and footer (templates/vi, templates/en). Pure but for reading those
// files once: the same input gives the same message, Message-ID and MIME boundaries included.
import { createHash } from 'node:crypto';
import { finalReportMessageId } from '../../contract/ids';
import type { Language } from '../../contract/notices';
import type { Campaign } from '../../core/definition/types';
import type { Report } from '../../core/report/build';
import { reportToCsv } from '../../core/report/csv';
import type { ComposedMail } from './compose';
import { at } from './context';
import { compilePart, compilePartials, type Part, type Render, type Scope } from './handlebars';
import { defaultFiles, partialSources } from './templates';

export interface FinalReportInput {
  campaign: Campaign;
  /** The final report, as the archive holds it. */
  report: Report;
}

type Compiled = Record<Part, Render>;
const compiled = new Map<Language, Compiled>();

function templatesOf(lang: Language): Compiled {
  let t = compiled.get(lang);
  if (!t) {
    const files = defaultFiles();
    const file = (base: string) => {
      const text = files[`${lang}/${base}`];
      if (text === undefined) throw new Error(`templates/${lang}/${base} is missing`);
      return text;
    };
    const partials = (part: 'text' | 'html') =>
      compilePartials(partialSources(Object.entries(files), lang, part), part);
    t = {
      subject: compilePart(file('final-report.subject.txt'), 'subject'),
      text: compilePart(file('final-report.txt'), 'text', partials('text')),
      html: compilePart(file('final-report.html'), 'html', partials('html')),
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
  const data = { zone: c.campaign.timeZone, lang };
  const subject = t.subject(scope, data).replace(/\s+/g, ' ').trim();
  const text = `${t
    .text({ ...scope, subject }, data)
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
  const html = t.html({ ...scope, subject }, data);
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
