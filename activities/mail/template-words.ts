// What is wrong with a mail template, in both languages: the campaign file's (or `--lang`) picks one when the
// problem becomes a definition issue (templates.ts). Vietnamese first, like every message of dondoc.
import type { Text } from '../../core/definition/messages';

const list = (names: string[]) => names.map((k) => `{{${k}}}`).join(', ');

export const TPL = {
  unclosedTag: { vi: "'{{' không có '}}' đóng lại", en: "'{{' is never closed with '}}'" },
  notABlock: (raw: string): Text => ({
    vi: `'{{${raw}}}' không phải một khối: viết {{#if tên}}, {{#unless tên}} hoặc {{#each danh_sách}}`,
    en: `'{{${raw}}}' is not a block: write {{#if name}}, {{#unless name}} or {{#each list}}`,
  }),
  rawOutput: (tag: string): Text => ({
    vi: `'${tag}': không in giá trị nguyên văn (không thoát HTML); viết {{tên}}, giá trị được thoát trong .html`,
    en: `'${tag}': raw output (not HTML-escaped) is not allowed; write {{name}}, escaped in .html files`,
  }),
  unknownHelper: (name: string, helpers: string[]): Text => ({
    vi: `không có hàm '${name}': các hàm có sẵn là ${helpers.join(', ')}, mỗi hàm nhận một giá trị, như {{date due.at}}`,
    en: `unknown helper '${name}': the helpers are ${helpers.join(', ')}, each taking one value, as in {{date due.at}}`,
  }),
  unsupported: (raw: string): Text => ({
    vi: `'{{${raw}}}' không được dùng trong mẫu thư: chỉ có chỗ điền, {{#if}}, {{#unless}}, {{#each}}, {{> phần}} và chú thích`,
    en: `'{{${raw}}}' is not allowed in mail templates: only placeholders, {{#if}}, {{#unless}}, {{#each}}, {{> partial}} and comments`,
  }),
  syntax: (detail: string): Text => ({
    vi: `sai cú pháp Handlebars: ${detail}`,
    en: `Handlebars syntax error: ${detail}`,
  }),
  notAPlaceholder: (raw: string): Text => ({
    vi: `'{{${raw}}}' không phải một chỗ điền: viết một tên như {{unit.name}}`,
    en: `'{{${raw}}}' is not a placeholder: write a name such as {{unit.name}}`,
  }),
  elseTwice: (block: string): Text => ({
    vi: `{{else}} xuất hiện hai lần trong một {{#${block}}}`,
    en: `{{else}} appears twice in one {{#${block}}}`,
  }),
  elseOutside: { vi: '{{else}} nằm ngoài {{#if}}', en: '{{else}} outside {{#if}}' },
  closesNothing: (block: string): Text => ({
    vi: `{{/${block}}} không đóng khối nào`,
    en: `{{/${block}}} closes nothing`,
  }),
  mismatched: (block: string, open: string, name: string, line: number): Text => ({
    vi: `{{/${block}}} đóng {{#${open} ${name}}} (dòng ${line}): viết {{/${open}}}`,
    en: `{{/${block}}} closes {{#${open} ${name}}} (line ${line}): write {{/${open}}}`,
  }),
  unclosedBlock: (block: string, name: string): Text => ({
    vi: `{{#${block} ${name}}} không được đóng bằng {{/${block}}}`,
    en: `{{#${block} ${name}}} is never closed with {{/${block}}}`,
  }),
  nestedPartial: (name: string): Text => ({
    vi: `{{> ${name}}}: một phần dùng chung không được chèn phần dùng chung khác`,
    en: `{{> ${name}}}: a partial cannot include another`,
  }),
  unknownPartial: (name: string): Text => ({
    vi: `không có phần dùng chung {{> ${name}}}`,
    en: `unknown partial {{> ${name}}}`,
  }),
  unknownPlaceholder: (tag: string, near: string[]): Text => ({
    vi: `không có chỗ điền ${tag}${near.length > 0 ? ` (có phải là ${list(near)}?)` : ''}`,
    en: `unknown placeholder ${tag}${near.length > 0 ? ` (did you mean ${list(near)}?)` : ''}`,
  }),
  notAValue: (name: string): Text => ({
    vi: `{{${name}}} là một danh sách: duyệt nó bằng {{#each ${name}}}…{{/each}}`,
    en: `{{${name}}} is a list: go through it with {{#each ${name}}}…{{/each}}`,
  }),
  notAList: (name: string): Text => ({
    vi: `{{#each ${name}}}: ${name} không phải một danh sách`,
    en: `{{#each ${name}}}: ${name} is not a list`,
  }),
  notATemplateFile: (kinds: readonly string[]): Text => ({
    vi: `không phải tệp mẫu thư: đặt tên vi/ hoặc en/ rồi <kind>.subject.txt, <kind>.txt, <kind>.html hoặc _<partial>.txt/.html, với kind là một trong ${kinds.join(', ')}`,
    en: `not a template file: name it vi/ or en/ then <kind>.subject.txt, <kind>.txt, <kind>.html or _<partial>.txt/.html, with a kind among ${kinds.join(', ')}`,
  }),
  empty: { vi: 'mẫu thư trống', en: 'the template is empty' },
  missing: { vi: 'thiếu', en: 'missing' },
  includedBy: (files: string[]): Text => ({
    vi: `; được chèn bởi ${files.join(', ')}`,
    en: `; included by ${files.join(', ')}`,
  }),
  folderNotFound: { vi: 'không tìm thấy thư mục mẫu thư', en: 'template folder not found' },
  unreadable: {
    vi: 'không đọc được tệp (liên kết hỏng, thư mục hoặc không có quyền đọc)',
    en: 'the file cannot be read (a broken link, a folder or no permission)',
  },
  notAFolder: { vi: 'templates phải là một thư mục', en: 'templates must name a folder' },
} satisfies Record<string, Text | ((...a: never[]) => Text)>;
