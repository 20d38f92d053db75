// `dondoc draft` on the three seed plans as text: the draft names the issuer, number, date and implemented
// documents, holds every deadline and window with its exact instant and its source quoted above it, and the units
// named; unfilled, `dondoc validate` rejects it at each placeholder's path; filled, it validates, with the
// instants the plans state.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkDraft } from './check';
import { EXPECTED, SEEDS } from './expected';
import { DraftFile, dondoc, fillDraft, SEED_DIR, tempDir } from './support';

const dir = tempDir();

describe.each(SEEDS)('%s as text', (seed) => {
  const plan = EXPECTED[seed];
  const out = path.join(dir, `${seed}.yaml`);
  let draft: DraftFile;

  beforeAll(async () => {
    const r = await dondoc('draft', path.join(SEED_DIR, `${seed}.txt`), '--out', out);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    draft = new DraftFile(readFileSync(out, 'utf8'));
  });

  it('finds the header, every deadline and window with its source line, and the units named', () => {
    checkDraft(draft, plan);
  });

  it('fails validation at each placeholder, by path, and nowhere else', async () => {
    const r = await dondoc('validate', out, '--json');
    expect(r.code).toBe(1);
    const issues = (JSON.parse(r.out) as { issues: { path: string; code: string; message: string }[] })
      .issues;
    expect(issues.map((i) => i.path)).toEqual(draft.placeholders());
    for (const i of issues) {
      expect(i.code).toBe('placeholder');
      expect(i.message).toMatch(/^chưa điền: \S/u);
    }
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['campaign.document.number', 'campaign.document.issued', 'units[0].emails[0]']),
    );
  });

  it('validates once filled, with the instants the plan states', async () => {
    const filled = path.join(dir, `${seed}.filled.yaml`);
    writeFileSync(filled, fillDraft(draft.text, plan));
    const r = await dondoc('validate', filled, '--json');
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    const summary = (
      JSON.parse(r.out) as { summary: { milestones: { kind: string; opensAt?: string; dueAt: string }[] } }
    ).summary;
    expect(
      summary.milestones.map((m) => ({
        kind: m.kind,
        ...(m.opensAt ? { opens: Date.parse(m.opensAt) } : {}),
        due: Date.parse(m.dueAt),
      })),
    ).toEqual(
      plan.milestones.map((m) => ({
        kind: m.kind,
        ...(m.opens ? { opens: Date.parse(m.opens) } : {}),
        due: Date.parse(m.due ?? m.closes ?? ''),
      })),
    );
  });

  it('prints a summary: what it found, where, and what is left to fill', async () => {
    const r = await dondoc(
      'draft',
      path.join(SEED_DIR, `${seed}.txt`),
      '--out',
      path.join(dir, `${seed}.2.yaml`),
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Cơ quan ban hành: ${plan.issuer}`);
    // One line per obligation: Bình Sơn's plan and site list share one sentence and one deadline.
    const obligations = new Set(plan.milestones.map((m) => `${m.line} ${m.phrase}`)).size;
    expect(r.out).toContain(`Mốc có thời hạn: ${obligations}`);
    for (const m of plan.milestones) expect(r.out).toMatch(new RegExp(`^\\s+${m.line}\\s`, 'mu'));
    expect(r.out).toContain(`Còn phải điền ${draft.placeholders().length} chỗ`);
    expect(r.out).not.toMatch(/(?![\n\t])[\p{Cc}\p{Cf}]/u);
  });
});
