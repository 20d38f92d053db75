// A simulated unit acting as a person would: it opens its personal link, reads the form's CSRF token and
// session cookie, and posts the milestone's form, a document attached where one is asked for. Used by the demo
// (some of its units submit through the portal) and by the portal benchmark.

import type { SubmissionPayload } from '../contract/submission';
import type { Milestone } from '../core/definition/types';

export interface PortalSubmitInput {
  /** The unit's personal link (`<portal>/u/<token>`). */
  link: string;
  milestone: Milestone;
  payload: SubmissionPayload;
  actorName: string;
  actorPosition: string;
  /** The signed document, uploaded with the form. */
  document?: { name: string; data: Buffer };
}

export interface PortalSubmitResult {
  ok: boolean;
  status: number;
  /** The page's text, tags stripped, for the log. */
  text: string;
}

function cookieOf(res: Response): string {
  const all = res.headers.getSetCookie?.() ?? [];
  return all.map((c) => c.split(';')[0]).join('; ');
}

function csrfOf(page: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!m?.[1]) throw new Error('the unit page has no form token');
  return m[1];
}

export function pageText(page: string): string {
  return page
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The form's fields, named as the portal's forms name them. */
export function formFields(payload: SubmissionPayload): [string, string][] {
  const out: [string, string][] = [];
  const text = (v: string | number | boolean) => (typeof v === 'boolean' ? (v ? 'có' : '') : String(v));
  if (payload.document) {
    out.push(['document_title', payload.document.title]);
    if (payload.document.reference) out.push(['document_reference', payload.document.reference]);
    if (payload.document.summary) out.push(['document_summary', payload.document.summary]);
  }
  for (const [k, v] of Object.entries(payload.values ?? {})) {
    if (typeof v === 'boolean' && !v) continue;
    out.push([`v.${k}`, text(v)]);
  }
  (payload.sites ?? []).forEach((site, i) => {
    for (const [k, v] of Object.entries(site)) {
      if (typeof v === 'boolean' && !v) continue;
      out.push([`site.${i}.${k}`, text(v)]);
    }
  });
  (payload.events ?? []).forEach((e, i) => {
    out.push([`event.${i}.date`, e.date], [`event.${i}.place`, e.place]);
    out.push([`event.${i}.attendance`, String(e.attendance)]);
  });
  return out;
}

export async function submitThroughPortal(input: PortalSubmitInput): Promise<PortalSubmitResult> {
  const opened = await fetch(input.link, { redirect: 'manual' });
  const page = await opened.text();
  if (!opened.ok) return { ok: false, status: opened.status, text: pageText(page) };
  const cookie = cookieOf(opened);
  const form = new FormData();
  form.append('_csrf', csrfOf(page));
  form.append('actor_name', input.actorName);
  form.append('actor_position', input.actorPosition);
  for (const [k, v] of formFields(input.payload)) form.append(k, v);
  if (input.document) {
    form.append(
      'document_file',
      new Blob([new Uint8Array(input.document.data)], { type: 'application/octet-stream' }),
      input.document.name,
    );
  }
  form.append('action', 'submit');
  const url = `${input.link.replace(/\/+$/, '')}/m/${encodeURIComponent(input.milestone.id)}`;
  const res = await fetch(url, { method: 'POST', body: form, headers: { cookie }, redirect: 'follow' });
  const body = await res.text();
  return { ok: res.ok, status: res.status, text: pageText(body) };
}

/** A small but real PDF (one page with a line of text): what an office's scanner or word processor sends. */
export function demoPdf(title: string): Buffer {
  const ascii = title
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 72 720 Td (${ascii}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
