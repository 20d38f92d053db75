// Issue 15, read side, without a server: terminal text of hostile names and notes (escape sequences, OSC 52,
// C1, bidi, line breaks), archive file names for look-alike campaign ids, and a 20,000-deep unit chain walked by
// status and the report (which overflowed the stack when the walks were recursive).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { archivePath, archiveTarget } from '../../client/audit';
import { type CampaignView, depthThatFits, subtree } from '../../client/campaign-view';
import { renderTree, type StatusNode } from '../../client/commands/status';
import { table } from '../../client/format';
import { archiveName } from '../../client/read/archive-name';
import { describeEntry } from '../../client/read/audit';
import type { AuditEntry } from '../../client/read/audit-history';
import { addUpClosed } from '../../client/tree-data';
import type { Campaign, Unit } from '../../core/definition/types';
import { buildReport } from '../../core/report/build';
import { reportToCsv } from '../../core/report/csv';
import { printable, terminalJson } from '../../core/text/printable';

const OSC52 = '\x1b]52;c;ZWNobyBwd25lZA==\x07';
const HOSTILE = [
  `Nguyễn Văn A${OSC52}`,
  'đỏ \x1b[31mRED\x1b[0m',
  'chuông\x07\x07',
  'C1 \x9b31m\x9d52;c;ZXZpbA==\x9c',
  'ngược \u202Eabc\u202C \u2066iso\u2069',
  'dòng\r\ngiả\u2028mạo\u2029',
  'tiêu đề \x1b]0;pwned\x1b\\ hết',
];
/** What must never reach a terminal: C0 but space, DEL, C1, bidi and line separators, and OSC payloads. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|52;c;|0;pwned/;

describe('printable', () => {
  it('removes whole escape sequences, C1, bidi controls and line breaks, and keeps Vietnamese text', () => {
    for (const s of HOSTILE) expect(printable(s)).not.toMatch(UNSAFE);
    expect(printable(`Nguyễn Văn A${OSC52}`)).toBe('Nguyễn Văn A');
    expect(printable('đỏ \x1b[31mRED\x1b[0m')).toBe('đỏ RED');
    expect(printable('C1 \x9b31m\x9d52;c;ZXZpbA==\x9c')).toBe('C1 ');
    expect(printable('ngược \u202Eabc\u202C \u2066iso\u2069')).toBe('ngược abc iso');
    expect(printable('dòng\r\ngiả\u2028mạo\u2029')).toBe('dòng  giả mạo ');
    expect(printable('tiêu đề \x1b]0;pwned\x1b\\ hết')).toBe('tiêu đề  hết');
    // A string cut before its terminator still loses its payload.
    expect(printable('a\x1b]52;c;ZXZpbA==')).toBe('a');
    expect(printable('Hòa Bình — Sở Nội vụ (2024)')).toBe('Hòa Bình — Sở Nội vụ (2024)');
  });

  it('JSON for a terminal escapes C1 and bidi but parses back to the exact value', () => {
    const value = { names: HOSTILE, n: 1 };
    const text = terminalJson(value);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('the audit table', () => {
  const entry: AuditEntry = {
    at: '2026-08-10T03:00:00Z',
    kind: 'waived',
    workflowId: 'w',
    runId: 'r',
    eventId: 5,
    unitId: 'hop-duc',
    milestoneId: 'ke-hoach',
    actor: `Kẻ xấu${OSC52}`,
    reason: 'lý do\r\n\u202Egnol\u202C \x9b2J',
  } as AuditEntry;

  it('shows actor and reason without control characters', () => {
    const text = table([['Sự kiện'], [describeEntry(entry, 'Asia/Ho_Chi_Minh')]]);
    for (const l of text.split('\n')) expect(l).not.toMatch(UNSAFE);
    expect(text).toContain('Miễn ke-hoach bởi Kẻ xấu: lý do  gnol');
  });
});

describe('archive file names', () => {
  it('are different for ids that differ only by a Vietnamese letter, a case or a normal form', () => {
    const ids = [
      'hòa-bình-2024',
      'hóa-bình-2024',
      'hoa-binh-2024',
      'hòa-bình-2024'.normalize('NFD'),
      'Hòa-bình-2024',
      'hòa bình 2024',
      'hòa_bình_2024',
    ];
    const names = ids.map((id) => archiveName(id));
    expect(new Set(names).size).toBe(ids.length);
    expect(archiveName('hòa-bình-2024')).toBe('hòa-bình-2024.audit.json');
  });

  it('keep path parts out of the name', () => {
    const dir = '/srv/archive';
    for (const id of ['../../etc/passwd', '/etc/passwd', '..', '.hidden', 'a\\b', 'x/../y']) {
      const file = archivePath({ dir, campaignId: id });
      expect(path.dirname(file)).toBe(dir);
      expect(path.basename(file)).not.toMatch(/^\.|[/\\]/);
    }
  });

  it('never write over another campaign’s archive: the later one goes alongside', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-archive-'));
    const own = archivePath({ dir, campaignId: 'hòa-bình-2024' });
    writeFileSync(own, JSON.stringify({ campaign: { campaign: { id: 'khac' } } }));
    const target = await archiveTarget(dir, 'hòa-bình-2024');
    expect(target).not.toBe(own);
    expect(path.dirname(target)).toBe(dir);
    expect(JSON.parse(readFileSync(own, 'utf8')).campaign.campaign.id).toBe('khac');
    // The same campaign archived again replaces its own file.
    writeFileSync(target, JSON.stringify({ campaign: { campaign: { id: 'hòa-bình-2024' } } }));
    expect(await archiveTarget(dir, 'hòa-bình-2024')).toBe(target);
    expect(readdirSync(dir)).toHaveLength(2);
  });
});

const DEPTH = 20_000;

function chain(): Campaign {
  const units: Unit[] = [{ id: 'u0', name: 'Gốc', level: 'l', emails: [], tags: [], parent: null }];
  for (let i = 1; i <= DEPTH; i++) {
    units.push({ id: `u${i}`, name: `Đơn vị ${i}`, level: 'l', parent: `u${i - 1}`, emails: [], tags: [] });
  }
  return {
    campaign: { id: 'sau', title: 'Chuỗi sâu', issuer: 'u0', timeZone: 'Asia/Ho_Chi_Minh' },
    levels: [{ id: 'l', name: 'Cấp' }],
    units,
    milestones: [],
    calendar: {},
  } as unknown as Campaign;
}

describe(`a ${DEPTH}-deep chain of units`, () => {
  const c = chain();

  it('is walked by subtree, depthThatFits and the closed campaign’s add-up', () => {
    const all = subtree(c, 'u0');
    expect(all).toHaveLength(DEPTH + 1);
    expect(all[DEPTH]).toMatchObject({ unit: { id: `u${DEPTH}` }, depth: DEPTH });
    expect(subtree(c, 'u0', 3).map((e) => e.unit.id)).toEqual(['u0', 'u1', 'u2', 'u3']);
    expect(depthThatFits(c, 'u0', 200)).toBe(199);
    const aggregates = addUpClosed(c, 'u0', new Map());
    expect(aggregates.get('u0')?.units).toBe(DEPTH + 1);
    expect(aggregates.get(`u${DEPTH - 1}`)?.units).toBe(2);
  });

  it('makes a report and its CSV', () => {
    const report = buildReport({
      campaign: c,
      rootUnitId: 'u0',
      aggregates: addUpClosed(c, 'u0', new Map()),
      generatedAt: '2026-08-21T02:00:00Z',
    });
    const rows = report.levels[0]?.rows ?? [];
    expect(rows).toHaveLength(DEPTH + 1);
    expect(rows[DEPTH]).toMatchObject({ unitId: `u${DEPTH}`, depth: DEPTH, parent: `u${DEPTH - 1}` });
    const csv = parseCsv(reportToCsv(report, new Map()), { bom: true, columns: true });
    expect(csv).toHaveLength(DEPTH + 1);
  });

  it('is drawn by status as a tree whose lines stay short', () => {
    const node = (i: number): StatusNode => ({
      unitId: `u${i}`,
      name: i === 5 ? `Tên${OSC52}` : `Đơn vị ${i}`,
      level: 'l',
      parent: i === 0 ? null : `u${i - 1}`,
      depth: i,
      reporting: true,
      units: DEPTH + 1 - i,
      subordinates: i === DEPTH ? 0 : 1,
      milestones: [],
      completeness: {},
      children: [],
    });
    const root = node(0);
    let at = root;
    for (let i = 1; i <= DEPTH; i++) {
      const next = node(i);
      at.children.push(next);
      at = next;
    }
    const view = { definition: c } as unknown as CampaignView;
    const lines = renderTree(root, view);
    expect(lines).toHaveLength(DEPTH + 1);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(120);
    expect(lines[DEPTH]).toContain(`[u${DEPTH}]`);
    expect(lines[DEPTH]).toContain(`cấp ${DEPTH}`);
    for (const l of lines) expect(l).not.toMatch(UNSAFE);
  });
});
