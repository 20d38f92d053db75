// What the units' pages add to the portal's stylesheet (served together at /assets/portal.css).
export const UNIT_CSS = `
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
h3{font-size:1.05rem;margin:1rem 0 .4rem}
fieldset{min-width:0;border:1px solid #e5e7eb;border-radius:6px;padding:8px 12px 12px;margin:12px 0}
legend{font-weight:700;padding:0 4px}
label.check{font-weight:400;display:flex;gap:8px;align-items:center}
.submission{border-top:1px solid #e5e7eb;padding:8px 0}
.submission:first-of-type{border-top:0}
.hint{color:#6b7280;font-size:13px;margin:2px 0}
td input[type=text],td input[type=date]{min-width:7em}
td.num,th.num{text-align:right}
.actions{margin-top:12px;display:flex;gap:8px;flex-wrap:wrap}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:.5rem 0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
.depth-2{padding-left:20px}.depth-3{padding-left:40px}.depth-4{padding-left:60px}.depth-5{padding-left:80px}
`;
