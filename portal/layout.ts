// The page frame every portal page shares: language, title, the stylesheet (a file, so the CSP needs no
// 'unsafe-inline'), a header naming who is signed in, and the body. Works without JavaScript and on a phone.
import { type Html, html } from './html';

export type Lang = 'vi' | 'en';

export interface PageInput {
  lang: Lang;
  title: string;
  body: Html;
  /** A signed-in staff member: shown in the header with a sign-out button (needs `csrf`). */
  user?: { username: string; role: 'admin' | 'auditor' };
  /** This request's CSRF token, for the sign-out form. */
  csrf?: string;
  /** Breadcrumbs: [label, href][]; the last one is the current page (no link). */
  crumbs?: [string, string][];
}

const ROLE_TEXT = {
  vi: { admin: 'quản trị', auditor: 'kiểm tra' },
  en: { admin: 'administrator', auditor: 'auditor' },
} as const;

export function page(input: PageInput): string {
  const { lang, user } = input;
  const signOut = lang === 'vi' ? 'Đăng xuất' : 'Sign out';
  const crumbs = input.crumbs ?? [];
  const doc = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${input.title} · dondoc</title>
<link rel="stylesheet" href="/assets/portal.css">
</head>
<body>
<header class="top">
  <span class="brand">dondoc</span>
  ${
    user
      ? html`<span class="who">${user.username} (${ROLE_TEXT[lang][user.role]})</span>
  <form method="post" action="/staff/logout" class="inline"><input type="hidden" name="_csrf" value="${input.csrf ?? ''}"><button type="submit" class="link">${signOut}</button></form>`
      : ''
  }
</header>
${
  crumbs.length > 0
    ? html`<nav class="crumbs">${crumbs.map(([label, href], i) =>
        i === crumbs.length - 1 ? html`<span>${label}</span>` : html`<a href="${href}">${label}</a> › `,
      )}</nav>`
    : ''
}
<main>
<h1>${input.title}</h1>
${input.body}
</main>
</body>
</html>`;
  return doc.value;
}

/** The portal's stylesheet, served at /assets/portal.css. Plain CSS, readable on a small screen. */
export const PORTAL_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2937;background:#f9fafb}
header.top{display:flex;gap:12px;align-items:center;padding:8px 16px;background:#1e3a8a;color:#fff}
header.top .brand{font-weight:700;margin-right:auto}
header.top button.link{background:none;border:0;color:#fff;text-decoration:underline;cursor:pointer;font:inherit}
nav.crumbs{padding:8px 16px;font-size:14px}
main{max-width:1100px;margin:0 auto;padding:8px 16px 48px}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
a{color:#1d4ed8}
table{border-collapse:collapse;width:100%;background:#fff;margin:.5rem 0 1rem}
th,td{border:1px solid #e5e7eb;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f3f4f6}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:6px;padding:12px 16px;margin:0 0 16px}
.status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:13px;background:#e5e7eb}
.status.submitted{background:#dcfce7}.status.late{background:#fef3c7}.status.overdue{background:#fee2e2}
.status.waived{background:#e0e7ff}.status.awaiting-approval{background:#fde68a}
.error{color:#b91c1c;font-size:14px;margin:2px 0}
.errors{border:1px solid #fca5a5;background:#fef2f2;padding:8px 12px;border-radius:6px}
.notice{border:1px solid #86efac;background:#f0fdf4;padding:8px 12px;border-radius:6px}
.flag{color:#92400e}
label{display:block;font-weight:600;margin:.5rem 0 .2rem}
input[type=text],input[type=number],input[type=date],input[type=password],textarea,select{width:100%;max-width:520px;padding:6px 8px;border:1px solid #9ca3af;border-radius:4px;font:inherit}
input.invalid,textarea.invalid{border-color:#b91c1c;background:#fef2f2}
button,.button{display:inline-block;padding:6px 14px;border:1px solid #1e3a8a;border-radius:4px;background:#1e3a8a;color:#fff;font:inherit;cursor:pointer;text-decoration:none}
button.secondary{background:#fff;color:#1e3a8a}
form.inline{display:inline}
.bar{display:flex;height:18px;width:100%;max-width:520px;border-radius:3px;overflow:hidden;background:#e5e7eb}
.bar span{display:block;height:100%}
.bar .on-time{background:#16a34a}.bar .late{background:#f59e0b}.bar .waived{background:#6366f1}.bar .missing{background:#ef4444}
.legend span{display:inline-block;margin-right:12px;font-size:13px}
.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
.legend .on-time{background:#16a34a}.legend .late{background:#f59e0b}.legend .waived{background:#6366f1}.legend .missing{background:#ef4444}
.muted{color:#6b7280;font-size:14px}
.req{color:#b91c1c}
@media (max-width:600px){th,td{padding:4px}table{font-size:14px}.wide{display:block;overflow-x:auto}}
svg.bar-chart{display:block;width:100%;max-width:520px;height:18px;border-radius:3px}
svg.bar-chart.small{max-width:160px;height:10px;min-width:80px}
figure.chart{margin:0 0 16px;background:#fff;border:1px solid #e5e7eb;border-radius:6px;padding:8px;overflow-x:auto}
svg.day-chart{display:block;width:100%;height:auto;max-width:900px;min-width:520px}
table.subtrees{min-width:640px}
@media (max-width:600px){table.completeness .n{display:none}}
.pager a{margin:0 6px}
ul.plain{list-style:none;margin:0;padding:0}
nav.crumbs.tree{padding:0 0 8px}
details>summary{cursor:pointer;font-weight:600}
details.card>form{margin-top:8px}
form.inline-filter{display:flex;gap:8px;align-items:flex-end;flex-wrap:wrap;margin:0 0 12px}
form.inline-filter label{margin:0}
form.inline-filter select{width:auto}
code{font-size:13px;word-break:break-all}
`;
