// Makes the README's two mail catcher screenshots from a running `npm start` (a few minutes into its demo):
// Mailpit's list of the demo's emails and a reminder opened. Uses Debian's Chromium (DONDOC_CHROMIUM names another).
//   npx tsx tools/mailpit/screenshots.ts [http://localhost:8025] [docs]     (from the repository's root)
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';

const base = (process.argv[2] ?? `http://localhost:${process.env.DONDOC_MAIL_HTTP_PORT ?? 8025}`).replace(
  /\/$/,
  '',
);
const out = path.resolve(process.argv[3] ?? 'docs'); // run from the repository's root

/** The newest reminder's ID, from Mailpit's search API. */
async function newestReminder(): Promise<string> {
  const query = encodeURIComponent('subject:"[Nhắc hạn]"');
  const found = (await (await fetch(`${base}/api/v1/search?query=${query}&limit=1`)).json()) as {
    messages: { ID: string }[];
  };
  const id = found.messages[0]?.ID;
  if (!id) throw new Error(`Mailpit at ${base} holds no reminder yet: let the demo run a few minutes.`);
  return id;
}

async function main(): Promise<void> {
  const executablePath =
    process.env.DONDOC_CHROMIUM ?? execFileSync('bash', ['scripts/tools.sh', 'chromium']).toString().trim();
  const reminder = await newestReminder();
  const browser = await chromium.launch({ executablePath });
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    await page.goto(`${base}/`);
    await page.waitForSelector('.message', { timeout: 15_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(out, 'mail-catcher.png') });
    await page.goto(`${base}/view/${reminder}`);
    await page.waitForSelector('iframe', { timeout: 15_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(out, 'mail-catcher-reminder.png') });
  } finally {
    await browser.close();
  }
  console.log(
    `wrote ${path.join(out, 'mail-catcher.png')} and ${path.join(out, 'mail-catcher-reminder.png')}`,
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
