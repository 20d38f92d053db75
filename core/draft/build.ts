// `dondoc draft` from text to campaign file: the findings (draft.ts), written as YAML with comments (yaml.ts), and
// the placeholders left to fill. Pure.
import { findPlaceholders, placeholderHint } from '../definition/placeholders';
import { type Findings, placeForId, readPlan } from './draft';
import { slug } from './names';
import { draftFile, toYaml } from './yaml';

export interface Draft {
  findings: Findings;
  /** The campaign file's text. */
  yaml: string;
  id: string;
  /** What is left to fill, by path in the file. */
  placeholders: { path: (string | number)[]; hint: string }[];
}

function top(source: string): string {
  return [
    `BẢN NHÁP chiến dịch do \`dondoc draft\` tạo từ ${source}: chưa dùng được ngay.`,
    'Kiểm tra từng mục với văn bản gốc: trên mỗi mục là câu gốc và số dòng (dòng của văn bản đọc từ tệp nguồn).',
    'Điền mọi giá trị "<<CẦN ĐIỀN: …>>" (hoặc xoá mục đó): `dondoc validate` báo từng chỗ chưa điền, theo đường dẫn.',
  ].join('\n');
}

export function draftCampaign(text: string, opts: { source: string }): Draft {
  const findings = readPlan(text);
  const place = placeForId(findings) ?? findings.issuer.name;
  const year = findings.header.year?.value;
  const id = `${slug(place || 'chien-dich', 30) || 'chien-dich'}-${year ?? 'nam'}`;
  const { data, notes } = draftFile(findings, { id, source: opts.source });
  return {
    findings,
    yaml: toYaml(data, notes, top(opts.source)),
    id,
    placeholders: findPlaceholders(data).map((p) => ({ path: p.path, hint: placeholderHint(p.value) })),
  };
}
