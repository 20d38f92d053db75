// A milestone's coordinating units (`coordinate`) and recipients for information only (`copyTo`, on the campaign
// or a milestone), as validation reads them: kept in the validated campaign, or rejected by path.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mailTemplateChecker } from '../../activities/mail/templates';
import { formatPath } from '../../core/definition/issues';
import { loadCampaignFile } from '../../core/definition/load';
import { coordinatedBy, milestonesFor } from '../../core/definition/tree';

const MINIMAL = readFileSync(path.join(__dirname, '..', 'fixtures', 'good', 'minimal.yaml'), 'utf8');
const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-coordinate-'));
let n = 0;

/** minimal.yaml with some of its text replaced: huyen-a and huyen-b (district) under tinh. */
async function load(replacements: [string, string][]) {
  let text = MINIMAL;
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`minimal.yaml has no '${from}'`);
    text = text.replace(from, to);
  }
  const file = path.join(dir, `c${++n}.yaml`);
  writeFileSync(file, text);
  return loadCampaignFile(file, mailTemplateChecker);
}

const PLAN_APPLIES = 'appliesTo: { levels: [district] }';
const withPlan = (extra: string): [string, string] => [PLAN_APPLIES, `${PLAN_APPLIES}\n    ${extra}`];
const HEADER = '    issued: 16/4/2024';
const withHeader = (extra: string): [string, string] => [HEADER, `${HEADER}\n  ${extra}`];

async function issues(replacements: [string, string][]) {
  const r = await load(replacements);
  if (r.ok) throw new Error('should not validate');
  return r.issues.map((i) => ({ path: formatPath(i.path), code: i.code, message: i.message }));
}

describe('coordinate', () => {
  it('keeps the units that coordinate; a unit named by appliesTo too implements', async () => {
    const r = await load([
      [PLAN_APPLIES, 'appliesTo: { units: [huyen-a] }\n    coordinate: { levels: [district] }'],
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const c = r.campaign;
    const m = c.milestones.find((x) => x.id === 'ke-hoach');
    expect(m?.coordinate).toEqual({ levels: ['district'] });
    const unit = (id: string) => {
      const u = c.units.find((x) => x.id === id);
      if (!u) throw new Error(`no unit ${id}`);
      return u;
    };
    // huyen-a: in both, implements; huyen-b: coordinates and owes nothing.
    expect(milestonesFor(c, unit('huyen-a')).map((x) => x.id)).toContain('ke-hoach');
    expect(coordinatedBy(c, unit('huyen-a'))).toEqual([]);
    expect(milestonesFor(c, unit('huyen-b')).map((x) => x.id)).not.toContain('ke-hoach');
    expect(coordinatedBy(c, unit('huyen-b')).map((x) => x.id)).toEqual(['ke-hoach']);
  });

  it('rejects unknown units, levels and tags, by path', async () => {
    expect(
      await issues([
        [
          PLAN_APPLIES,
          'appliesTo: { units: [huyen-a] }\n    coordinate: { units: [huyen-b, huyen-z], levels: [commune], tags: [khong-co], except: [xa-q] }',
        ],
      ]),
    ).toEqual([
      {
        path: 'milestones[0].coordinate.units[1]',
        code: 'unknown_unit',
        message: "không có đơn vị 'huyen-z'",
      },
      { path: 'milestones[0].coordinate.except[0]', code: 'unknown_unit', message: "không có đơn vị 'xa-q'" },
      {
        path: 'milestones[0].coordinate.levels[0]',
        code: 'unknown_level',
        message: "không đơn vị nào thuộc cấp 'commune'",
      },
      {
        path: 'milestones[0].coordinate.tags[0]',
        code: 'unknown_tag',
        message: "không đơn vị nào có nhãn 'khong-co'",
      },
    ]);
  });

  it('rejects the issuer, a coordinate every unit of which implements, an empty one and unknown keys', async () => {
    const issuer = await issues([withPlan('coordinate: { units: [tinh] }')]);
    expect(issuer.map((i) => `${i.path} ${i.code}`)).toEqual([
      'milestones[0].coordinate.units[0] issuer_coordinates',
    ]);
    expect(issuer[0]?.message).toContain('đơn vị ban hành');
    const all = await issues([withPlan('coordinate: { units: [huyen-b] }')]);
    expect(all.map((i) => `${i.path} ${i.code}`)).toEqual(['milestones[0].coordinate no_units']);
    expect(all[0]?.message).toContain('thực hiện mốc');
    const empty = await issues([withPlan('coordinate: {}')]);
    expect(empty.map((i) => `${i.path} ${i.code}`)).toEqual(['milestones[0].coordinate empty_applies_to']);
    const typo = await issues([withPlan('coordinate: { unit: [huyen-b] }')]);
    expect(typo.map((i) => `${i.path} ${i.code}`)).toContain('milestones[0].coordinate.unit unknown_key');
  });
});

describe('copyTo', () => {
  it('keeps the campaign’s and a milestone’s recipients for information', async () => {
    const r = await load([
      withHeader(
        'copyTo:\n    - { name: "Cục V05, Bộ Công an", emails: [v05@bca.example.org, vp@bca.example.org] }',
      ),
      withPlan('copyTo: [{ name: Tỉnh ủy, emails: [tu@tinh.example.org] }]'),
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.campaign.campaign.copyTo).toEqual([
      { name: 'Cục V05, Bộ Công an', emails: ['v05@bca.example.org', 'vp@bca.example.org'] },
    ]);
    expect(r.campaign.milestones[0]?.copyTo).toEqual([{ name: 'Tỉnh ủy', emails: ['tu@tinh.example.org'] }]);
    expect(r.campaign.milestones[1]?.copyTo).toBeUndefined();
  });

  it('rejects a bad address, a recipient without one and an unknown key, by path', async () => {
    const found = await issues([
      withHeader(
        'copyTo:\n    - { name: Bộ, emails: [v05@bca.example.org, "khong phai email"] }\n    - { name: Tỉnh ủy, emails: [] }',
      ),
      withPlan('copyTo: [{ name: MTTQ, email: [mt@tinh.example.org] }]'),
    ]);
    expect(found.map((i) => `${i.path} ${i.code}`)).toEqual([
      'campaign.copyTo[0].emails[1] invalid_email',
      'campaign.copyTo[1].emails too_small',
      'milestones[0].copyTo[0].emails required',
      'milestones[0].copyTo[0].email unknown_key',
    ]);
    expect(found[0]?.message).toContain('khong phai email');
    expect(found[1]?.message).toBe('cần ít nhất một địa chỉ email');
  });
});

describe('the examples', () => {
  const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

  it('Bình Sơn: the district offices coordinate the festival (mục III.1-4); the province is copied', async () => {
    const r = await loadCampaignFile(path.join(EXAMPLES, 'binh-son-2024.yaml'), mailTemplateChecker);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const c = r.campaign;
    const coordinating = c.units.filter((u) => coordinatedBy(c, u).length > 0);
    expect(coordinating.map((u) => u.id)).toEqual(['ca-huyen', 'phong-noi-vu', 'phong-tc-kh', 'tt-tt-vh-tt']);
    for (const u of coordinating) expect(coordinatedBy(c, u).map((m) => m.id)).toEqual(['to-chuc-ngay-hoi']);
    expect(c.campaign.copyTo?.map((x) => x.name)).toContain('UBND tỉnh Quảng Ngãi');
  });

  it('Bắc Giang: the bodies above the tree in its "Nơi nhận" are copied', async () => {
    const r = await loadCampaignFile(path.join(EXAMPLES, 'bac-giang-2024.yaml'), mailTemplateChecker);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.campaign.campaign.copyTo).toHaveLength(2);
    expect(r.campaign.units.some((u) => coordinatedBy(r.campaign, u).length > 0)).toBe(false);
  });
});
