// `dondoc draft` on the seed plans as the office would have them: a DOCX (built here from the seed's lines with the
// docx package, one paragraph per line) and a PDF (the seed printed by a real Chromium). Each draft holds what the
// text's does: the DOCX with the same line numbers (a paragraph is a line), the PDF citing lines of the text read
// from it (blank lines gone), each checked against that text.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, type TestBrowser } from '../support/browser';
import { checkDraft } from './check';
import { EXPECTED, SEEDS } from './expected';
import { DraftFile, dondoc, seedDocx, seedPdf, tempDir } from './support';

const dir = tempDir();

describe.each(SEEDS)('%s as DOCX', (seed) => {
  it("drafts what the plan says, with the text's line numbers", async () => {
    const file = path.join(dir, `${seed}.docx`);
    writeFileSync(file, await seedDocx(seed));
    const out = path.join(dir, `${seed}.docx.yaml`);
    const r = await dondoc('draft', file, '--out', out);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    expect(r.out).toContain(`Đã đọc ${file} (DOCX,`);
    checkDraft(new DraftFile(readFileSync(out, 'utf8')), EXPECTED[seed]);
  });
});

describe('the seeds as PDF (printed by Chromium)', () => {
  let browser: TestBrowser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(SEEDS)('%s: drafts what the plan says, each source line checked in the text read', async (seed) => {
    const file = path.join(dir, `${seed}.pdf`);
    writeFileSync(file, await seedPdf(seed, browser.browser));
    const out = path.join(dir, `${seed}.pdf.yaml`);
    const text = path.join(dir, `${seed}.pdf.txt`);
    const r = await dondoc('draft', file, '--out', out, '--text', text);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    expect(r.out).toContain(`Đã đọc ${file} (PDF,`);
    const lines = readFileSync(text, 'utf8').split('\n');
    checkDraft(new DraftFile(readFileSync(out, 'utf8')), EXPECTED[seed], { lines });
  });
});
