// Definition issues stay structured (a path of keys and indexes, a stable code, a line for text) until
// printed: formatWhere and formatIssue make the text users see (in Vietnamese; printIn(lang) in either
// language), and nothing parses it back.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  DefinitionError,
  type DefinitionIssue,
  formatIssue,
  formatPath,
  formatWhere,
  issueJson,
  printIn,
} from '../../core/definition/issues';
import { loadCampaignFile, parseYamlOrJson } from '../../core/definition/load';
import { validateCampaign } from '../../core/definition/validate';

const BAD = path.join(__dirname, '..', 'fixtures', 'bad');
const GOOD = path.join(__dirname, '..', 'fixtures', 'good');

async function issuesOf(name: string): Promise<DefinitionIssue[]> {
  const r = await loadCampaignFile(path.join(BAD, name));
  if (r.ok) throw new Error(`${name} should not load`);
  return r.issues;
}

function minimal(): Record<string, unknown> {
  const parsed = parseYamlOrJson(readFileSync(path.join(GOOD, 'minimal.yaml'), 'utf8'), 'minimal.yaml');
  if (!('value' in parsed)) throw new Error('minimal.yaml should parse');
  return parsed.value as Record<string, unknown>;
}

describe('formatPath and formatWhere', () => {
  it('print keys with dots and indexes in brackets', () => {
    expect(formatPath(['units', 3, 'parent'])).toBe('units[3].parent');
    expect(formatPath(['milestones', 1, 'outline', 0, 'id'])).toBe('milestones[1].outline[0].id');
    expect(formatPath([])).toBe('(cấp cao nhất)');
    expect(printIn('en').path([])).toBe('(top level)');
    expect(printIn('en').path(['units', 3, 'parent'])).toBe('units[3].parent');
  });

  it('print a place in the text by its line, and a whole file or folder by name, in Vietnamese', () => {
    const base = { file: 'f', code: 'c', message: 'm' };
    expect(formatWhere({ ...base, path: ['units', 3, 'parent'] })).toBe('units[3].parent');
    expect(formatWhere({ ...base, path: ['emails', 1], line: 3 })).toBe('dòng 3: emails[1]');
    expect(formatWhere({ ...base, path: [], line: 5 })).toBe('dòng 5');
    expect(formatWhere({ ...base, path: [], line: 1, csvColumn: 5 })).toBe('dòng 1: cột 5');
    expect(formatWhere({ ...base, path: [], line: 26, column: 7 })).toBe('dòng 26, cột 7');
    expect(formatWhere({ ...base, path: [], subject: 'file' })).toBe('(tệp)');
    expect(formatWhere({ ...base, path: [], subject: 'folder' })).toBe('(thư mục)');
  });

  it('print the same places in English with printIn("en")', () => {
    const base = { file: 'f', code: 'c', message: 'm' };
    const en = printIn('en');
    expect(en.where({ ...base, path: ['units', 3, 'parent'] })).toBe('units[3].parent');
    expect(en.where({ ...base, path: ['emails', 1], line: 3 })).toBe('line 3: emails[1]');
    expect(en.where({ ...base, path: [], line: 5 })).toBe('line 5');
    expect(en.where({ ...base, path: [], line: 1, csvColumn: 5 })).toBe('line 1: column 5');
    expect(en.where({ ...base, path: [], line: 26, column: 7 })).toBe('line 26, column 7');
    expect(en.where({ ...base, path: [], subject: 'file' })).toBe('(file)');
    expect(en.where({ ...base, path: [], subject: 'folder' })).toBe('(folder)');
    expect(printIn('vi').where({ ...base, path: [], line: 26, column: 7 })).toBe('dòng 26, cột 7');
  });
});

describe('issues of a campaign file', () => {
  it('keep the path as keys and indexes, and a stable code', async () => {
    expect(await issuesOf('unknown-parent.yaml')).toEqual([
      expect.objectContaining({ path: ['units', 2, 'parent'], code: 'unknown_parent' }),
    ]);
    expect(await issuesOf('parent-cycle.yaml')).toEqual([
      expect.objectContaining({ path: ['units', 1, 'parent'], code: 'cycle' }),
    ]);
    expect(await issuesOf('calendar-invalid-date.yaml')).toEqual([
      expect.objectContaining({ path: ['calendar', 'daysOff', 1, 'date'], code: 'invalid_date' }),
    ]);
  });

  it('name the CSV file, its line and the path within the row for units read from CSV', async () => {
    expect(await issuesOf('csv-bad-email.yaml')).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/csv-bad-email\.csv$/),
        line: 3,
        path: ['emails', 1],
        code: 'invalid_email',
      }),
    ]);
  });

  it('give a syntax error its line and column, with an empty path', async () => {
    expect(await issuesOf('json-syntax-error.json')).toEqual([
      expect.objectContaining({ path: [], line: 26, column: 7, code: 'syntax' }),
    ]);
  });

  it('keep a key with a dot in it as one segment (no formatted path is parsed back)', () => {
    const raw = minimal();
    const units = raw.units as Record<string, unknown>[];
    units[1] = { ...units[1], 'e.mail': 'x@example.org' };
    const r = validateCampaign(raw, { file: 'f.yaml' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      {
        file: 'f.yaml',
        path: ['units', 1, 'e.mail'],
        code: 'unknown_key',
        message: "khóa 'e.mail' không có trong định dạng tệp chiến dịch",
      },
    ]);
    expect(r.issues.map(formatIssue)).toEqual([
      "f.yaml: units[1].e.mail: khóa 'e.mail' không có trong định dạng tệp chiến dịch",
    ]);
    const en = validateCampaign(raw, { file: 'f.yaml', lang: 'en' });
    expect(en.ok ? [] : en.issues.map(printIn('en').issue)).toEqual([
      "f.yaml: units[1].e.mail: unknown key 'e.mail'",
    ]);
  });

  it('print as before, in text, in JSON (with pathSegments) and in a DefinitionError', async () => {
    const [issue] = await issuesOf('unknown-parent.yaml');
    if (!issue) throw new Error('expected an issue');
    expect(formatIssue(issue)).toBe(`${issue.file}: units[2].parent: ${issue.message}`);
    expect(issueJson(issue)).toEqual({
      file: issue.file,
      path: 'units[2].parent',
      pathSegments: ['units', 2, 'parent'],
      code: 'unknown_parent',
      message: issue.message,
    });
    expect(new DefinitionError([issue]).message).toBe(
      `định nghĩa chiến dịch không hợp lệ:\n${issue.file}: units[2].parent: ${issue.message}`,
    );
    const line = { ...issue, path: [], line: 3, column: 8 };
    expect(new DefinitionError([line], 'en').message).toBe(
      `invalid campaign definition:\n${issue.file}: line 3, column 8: ${issue.message}`,
    );
    expect(printIn('en').json(line)).toMatchObject({ path: 'line 3, column 8', pathSegments: [], line: 3 });
    expect(issueJson(line)).toMatchObject({ path: 'dòng 3, cột 8', pathSegments: [], line: 3 });
  });
});
