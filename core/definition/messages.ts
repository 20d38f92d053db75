// The words of dondoc's messages about a campaign file and the files it names, in Vietnamese (the default) and
// English. An issue keeps its file, path and code as data; its text is chosen in the file's language when the
// issue is made (`campaign.language`, or `--lang` on the command line), and `formatWhere` prints its place in the
// same language. zod's own wording is not used where dondoc has its own (issues.ts builds it from the issue code).

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** A message in both languages. */
export interface Text {
  vi: string;
  en: string;
}

const t = (vi: string, en: string): Text => ({ vi, en });

export function isLang(value: unknown): value is Lang {
  return value === 'vi' || value === 'en';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The language of a campaign file's messages: its `campaign.language` as written, `vi` when absent or invalid. */
export function languageOf(raw: unknown): Lang {
  const header = isRecord(raw) ? raw.campaign : undefined;
  const language = isRecord(header) ? header.language : undefined;
  return isLang(language) ? language : 'vi';
}

/** A message given as a plain string (by code that words it in one language only): the same text in both. */
export function asText(message: string | Text): Text {
  return typeof message === 'string' ? t(message, message) : message;
}

const FIXED = new Map<string, Text>();

/**
 * A message for a zod check that takes a fixed string (`.regex(re, fixed(...))`, `.min(1, fixed(...))`): zod keeps
 * the Vietnamese text, and `fixedText` finds the pair again when the issue is worded in the file's language.
 */
export function fixed(text: Text): string {
  FIXED.set(text.vi, text);
  return text.vi;
}

export function fixedText(message: string): Text | undefined {
  return FIXED.get(message);
}

/** The words `formatWhere` prints. */
export const WHERE = {
  topLevel: t('(cấp cao nhất)', '(top level)'),
  file: t('(tệp)', '(file)'),
  folder: t('(thư mục)', '(folder)'),
  line: t('dòng', 'line'),
  column: t('cột', 'column'),
};

/** 2024-04-10 as Vietnamese write it, 10/04/2024 (also inside "2024-04-10 17:00"). */
const vn = (s: string): string => s.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3/$2/$1');

const quoted = (s: string): string => `'${s.length > 60 ? `${s.slice(0, 57)}...` : s}'`;

/** A value as a message shows it: `'text'`, `số 5`, `một danh sách`. */
export function describeValue(value: unknown, lang: Lang): string {
  const vi = lang === 'vi';
  if (value === undefined) return vi ? 'không có gì' : 'nothing';
  if (value === null) return vi ? 'null (để trống)' : 'null';
  if (Array.isArray(value)) return vi ? 'một danh sách' : 'a list';
  if (typeof value === 'object') return vi ? 'một nhóm “khóa: giá trị”' : 'an object';
  if (typeof value === 'string') return quoted(value);
  if (!vi) return `${typeof value} ${String(value)}`;
  return `${typeof value === 'number' ? 'số' : 'giá trị'} ${String(value)}`;
}

const TYPE_VI: Record<string, string> = {
  string: 'văn bản',
  number: 'số',
  int: 'số nguyên',
  bigint: 'số nguyên',
  boolean: 'true hoặc false',
  array: 'danh sách',
  object: 'nhóm “khóa: giá trị”',
};

/** Both wordings of a message about a value (`'abc' is not...`), each describing it in its own language. */
const about = (value: unknown, vi: (d: string) => string, en: (d: string) => string): Text =>
  t(vi(describeValue(value, 'vi')), en(describeValue(value, 'en')));

/** What zod finds wrong, in dondoc's words (issues.ts picks one by the issue's code). */
export const ZOD = {
  unknownKey: (key: string) =>
    t(`khóa '${key}' không có trong định dạng tệp chiến dịch`, `unknown key '${key}'`),
  required: t('chưa khai báo (bắt buộc)', 'is required'),
  requiredOneOf: (options: string) =>
    t(`chưa khai báo (bắt buộc, một trong: ${options})`, `is required (one of: ${options})`),
  expected: (type: string, got: unknown) =>
    about(
      got,
      (d) => `phải là ${TYPE_VI[type] ?? type}, không phải ${d}`,
      (d) => `expected ${type}, got ${d}`,
    ),
  notOneOf: (value: unknown, options: string) =>
    about(
      value,
      (d) => `${d} không phải là một trong các giá trị: ${options}`,
      (d) => `${d} is not one of: ${options}`,
    ),
  notValidHere: (value: unknown) =>
    about(
      value,
      (d) => `${d} không hợp lệ ở đây`,
      (d) => `${d} is not valid here`,
    ),
  tooFewItems: (n: number | bigint) => t(`phải có ít nhất ${n} mục`, `must have at least ${n} item(s)`),
  notEmpty: t('không được để trống', 'must not be empty'),
  atLeast: (n: number | bigint) => t(`phải từ ${n} trở lên`, `must be at least ${n}`),
  atMost: (n: number | bigint) => t(`không được lớn hơn ${n}`, `must be at most ${n}`),
  tooLong: (n: number | bigint) => t(`dài tối đa ${n} ký tự`, `must be at most ${n} characters long`),
  invalidEmail: (value: unknown) =>
    about(
      value,
      (d) => `${d} không phải là địa chỉ email hợp lệ`,
      (d) => `${d} is not a valid email address`,
    ),
  /** A format check's own message (`fixed`, or zod's in the file's language) after the value. */
  invalidFormat: (value: unknown, message: Text) =>
    about(
      value,
      (d) => `${d} ${message.vi}`,
      (d) => `${d} ${message.en}`,
    ),
};

/** The English name of what `checkUnique` finds twice, in Vietnamese. */
const THING_VI: Record<string, string> = {
  unit: 'đơn vị',
  milestone: 'mốc',
  level: 'cấp',
  'outline field': 'trường đề cương',
  'site field': 'trường thông tin điểm',
};

/** What validate.ts finds wrong across sections: the unit tree, milestones against units and dates. */
export const CHECK = {
  notAMapping: t(
    'tệp chiến dịch phải là một nhóm “khóa: giá trị” gồm campaign, levels, units và milestones',
    'a campaign file must be a mapping with campaign, levels, units and milestones',
  ),
  unitsNotAList: t('phải là danh sách các đơn vị', 'must be a list of units'),
  needsUnits: t(
    'chiến dịch cần có đơn vị: liệt kê trong units hoặc lấy từ tệp CSV (unitsFile)',
    'a campaign needs units, inline or from unitsFile',
  ),
  needsMilestone: t('chiến dịch cần có ít nhất một mốc', 'a campaign needs at least one milestone'),
  /** `first`: where the id was first seen, as `formatPath` prints a path that is never empty. */
  duplicateId: (thing: string, id: string, first: string) =>
    t(
      `mã ${THING_VI[thing] ?? thing} '${id}' bị trùng (đã có ở ${first})`,
      `duplicate ${thing} id '${id}' (first at ${first})`,
    ),
  unknownLevel: (level: string, levels: string) =>
    t(
      `cấp '${level}' không có trong levels (các cấp: ${levels})`,
      `unknown level '${level}' (levels: ${levels})`,
    ),
  ownParent: (id: string) =>
    t(`đơn vị '${id}' lại là cấp trên của chính nó`, `unit '${id}' is its own parent`),
  unknownParent: (parent: string) =>
    t(`không có đơn vị cấp trên '${parent}' trong danh sách đơn vị`, `unknown parent '${parent}'`),
  severalRoots: (id: string, root: string) =>
    t(
      `đơn vị '${id}' không có cấp trên, nhưng '${root}' đã là gốc; mỗi chiến dịch có đúng một gốc (đơn vị ban hành)`,
      `unit '${id}' has no parent, but '${root}' is already the root; a campaign has exactly one root (the issuing unit)`,
    ),
  noRoot: t(
    'đơn vị nào cũng có cấp trên: cây đơn vị cần một gốc (đơn vị ban hành, không có parent)',
    'no unit is without a parent: the tree needs one root (the issuing unit)',
  ),
  cycle: (loop: string) => t(`cây đơn vị có vòng lặp: ${loop}`, `cycle in the unit tree: ${loop}`),
  issuerNotRoot: (issuer: string, root: string) =>
    t(
      `đơn vị ban hành '${issuer}' phải là gốc của cây đơn vị ('${root}')`,
      `the issuer '${issuer}' must be the root of the unit tree ('${root}')`,
    ),
  unknownIssuer: (issuer: string, root: string) =>
    t(
      `không có đơn vị '${issuer}' (đơn vị ban hành phải là đơn vị gốc, '${root}')`,
      `unknown unit '${issuer}' (the issuer must be the root unit, '${root}')`,
    ),
  calendarConflict: (date: string, offAt: number) =>
    t(
      `ngày ${vn(date)} vừa là ngày làm việc bù vừa là ngày nghỉ (calendar.daysOff[${offAt}])`,
      `${date} is both a make-up working day and a day off (calendar.daysOff[${offAt}])`,
    ),
  windowReversed: (ends: string, starts: string) =>
    t(
      `khoảng thời gian kết thúc (${vn(ends)}) trước khi bắt đầu (${vn(starts)})`,
      `the window ends (${ends}) before it starts (${starts})`,
    ),
  windowBeforeIssue: (ends: string, issued: string) =>
    t(
      `khoảng thời gian kết thúc (${vn(ends)}) trước ngày ban hành kế hoạch ${vn(issued)}`,
      `the window ends (${ends}) before the plan's issue date ${issued}`,
    ),
  dueBeforeOnIssue: (date: string, issued: string) =>
    t(
      `hạn "trước ngày ${vn(date)}" (tức 0 giờ ngày đó) không còn thời gian nào sau ngày ban hành kế hoạch ${vn(issued)}`,
      `due before ${date} (00:00 that day) leaves no time after the plan's issue date ${issued}`,
    ),
  dueBeforeIssue: (date: string, issued: string) =>
    t(
      `hạn ${vn(date)} sớm hơn ngày ban hành kế hoạch ${vn(issued)}`,
      `due ${date} is before the plan's issue date ${issued}`,
    ),
  cannotSum: (type: string) =>
    t(
      `không cộng được trường kiểu ${type}; dùng count hoặc list`,
      `cannot sum a ${type} field; use count or list`,
    ),
  minMaxNeedsOrder: (aggregate: string, type: string) =>
    t(
      `${aggregate} chỉ dùng cho trường số hoặc ngày, không dùng cho trường kiểu ${type}`,
      `${aggregate} needs a number or date field, not ${type}`,
    ),
  maxBelowMin: (max: number, min: number) =>
    t(`max (${max}) nhỏ hơn min (${min})`, `max ${max} is below min ${min}`),
  unknownUnit: (id: string) => t(`không có đơn vị '${id}'`, `unknown unit '${id}'`),
  issuerOwes: (id: string) =>
    t(
      `'${id}' là đơn vị ban hành: chỉ báo cáo lên cấp trên (result-report hoặc periodic-report có reportsTo) mới áp dụng cho đơn vị này`,
      `'${id}' is the issuing unit: only a report upward (a result-report or periodic-report with reportsTo) applies to it`,
    ),
  noUnitAtLevel: (level: string) =>
    t(`không đơn vị nào thuộc cấp '${level}'`, `no unit has level '${level}'`),
  noUnitTagged: (tag: string) => t(`không đơn vị nào có nhãn '${tag}'`, `no unit has tag '${tag}'`),
  appliesToNoUnit: (id: string) =>
    t(`mốc '${id}' không áp dụng cho đơn vị nào`, `milestone '${id}' applies to no unit`),
};

/** What schema.ts finds wrong in one value (a date, a duration, a phrase...). */
export const SCHEMA = {
  idChars: fixed(
    t(
      'chỉ được gồm chữ, chữ số, “.”, “_” hoặc “-” (không có dấu cách hay “/”)',
      'must be letters, digits, ".", "_" or "-" (no spaces or "/")',
    ),
  ),
  unitNeedsEmail: fixed(t('đơn vị cần ít nhất một email liên hệ', 'a unit needs at least one contact email')),
  notADate: (s: string) =>
    t(
      `'${s}' không phải là ngày (viết yyyy-mm-dd hoặc dd/mm/yyyy)`,
      `'${s}' is not a date (yyyy-mm-dd or dd/mm/yyyy)`,
    ),
  notARange: (s: string, hint: Text) =>
    t(`'${s}' không phải là một khoảng ngày: ${hint.vi}`, `'${s}' is not a range of dates: ${hint.en}`),
  rangeBadDay: (s: string, bad: string, hint: Text) =>
    t(`'${s}': '${bad}' không phải là ngày (${hint.vi})`, `'${s}': '${bad}' is not a date (${hint.en})`),
  rangeReversed: (s: string, from: string, to: string) =>
    t(
      `'${s}': khoảng ngày bị đảo ngược (${from} sau ${to})`,
      `'${s}': the range is reversed (${from} is after ${to})`,
    ),
  rangeTooLong: (s: string, days: number, max: number) =>
    t(
      `'${s}': khoảng ${days} ngày, dài quá ${max} ngày`,
      `'${s}': a range of ${days} days, longer than ${max} days`,
    ),
  notADuration: (s: string) =>
    t(
      `'${s}' không phải là khoảng thời gian ISO-8601 (ví dụ P3D, P1W, PT12H)`,
      `'${s}' is not an ISO-8601 duration (e.g. P3D, P1W, PT12H)`,
    ),
  negativeDuration: (s: string) => t(`'${s}' không được là số âm`, `'${s}' must not be negative`),
  zeroDuration: (s: string) => t(`'${s}' phải dài hơn 0`, `'${s}' must be longer than zero`),
  notATime: (s: string) =>
    t(`'${s}' không phải là giờ trong ngày (HH:mm)`, `'${s}' is not a time of day (HH:mm)`),
  unknownTimeZone: (s: string) =>
    t(
      `không có múi giờ '${s}' (dùng tên IANA, ví dụ Asia/Ho_Chi_Minh)`,
      `unknown time zone '${s}' (use an IANA name such as Asia/Ho_Chi_Minh)`,
    ),
  /** A date phrase's own error: core/calendar/phrases.ts words it in both languages (`error`, `errorEn`). */
  phrase: (s: string, error: string, missingYear: boolean) =>
    t(
      `'${s}': ${error}${missingYear ? ' (năm lấy từ campaign.document.issued, nhưng ngày đó không đọc được)' : ''}`,
      `'${s}': ${error}${missingYear ? ' (the year is taken from campaign.document.issued, which could not be read)' : ''}`,
    ),
  notADue: (s: string) =>
    t(
      `'${s}' không phải là thời hạn: viết một ngày (2024-05-10 hoặc 10/5/2024, hiểu là "trước ngày"), "trước ngày 10/5/2024", "hết ngày 9/5/2024" hoặc "2024-05-10 17:00"`,
      `'${s}' is not a due date: write a date (2024-05-10 or 10/5/2024, meaning "trước ngày"), "trước ngày 10/5/2024", "hết ngày 9/5/2024" or "2024-05-10 17:00"`,
    ),
  notAWindow: (s: string) =>
    t(
      `'${s}' không phải là khoảng thời gian: viết "từ ngày 01/8/2024 đến hết ngày 19/8/2024"`,
      `'${s}' is not a window: write "từ ngày 01/8/2024 đến hết ngày 19/8/2024"`,
    ),
  emptyAppliesTo: t(
    'cần nêu các đơn vị phải thực hiện: all, levels, tags hoặc units',
    'name the units it applies to: all, levels, tags or units',
  ),
};

/** What load.ts and units-csv.ts find wrong with the files themselves. */
export const FILE = {
  notFound: t('không tìm thấy tệp', 'file not found'),
  unreadable: (code: string) => t(`không đọc được tệp (${code})`, `cannot read the file (${code})`),
  unitsFilePath: t('phải là đường dẫn của một tệp CSV', 'must be the path of a CSV file'),
  templatesPath: t(
    'phải là đường dẫn của một thư mục mẫu thư',
    'must be the path of a folder of mail templates',
  ),
  csvUnknownColumn: (name: string, columns: string) =>
    t(
      `cột '${name}' không có trong định dạng (các cột: ${columns})`,
      `unknown column '${name}' (columns: ${columns})`,
    ),
  csvNoColumn: (name: string, columns: string) =>
    t(
      `dòng tiêu đề thiếu cột '${name}' (các cột: ${columns})`,
      `the header has no '${name}' column (columns: ${columns})`,
    ),
  csvMissingCell: (expected: number, columns: string, found: number) =>
    t(
      `cần ${expected} cột (${columns}), chỉ có ${found}: thiếu một ô (ô để trống vẫn phải có dấu phẩy)`,
      `expected ${expected} columns (${columns}), found ${found}: a cell is missing (an empty cell still needs its comma)`,
    ),
  csvExtraCell: (expected: number, columns: string, found: number) =>
    t(
      `cần ${expected} cột (${columns}), nhưng có ${found}: thừa ô (giá trị có dấu phẩy phải đặt trong dấu ngoặc kép)`,
      `expected ${expected} columns (${columns}), found ${found} (a value holding a comma needs double quotes)`,
    ),
  csvEmpty: t('tệp CSV không có nội dung', 'the CSV file is empty'),
  csvNoRows: t(
    'tệp CSV có dòng tiêu đề nhưng không có đơn vị nào',
    'the CSV file has a header row but no units',
  ),
  csvSyntax: (message: string) => t(`lỗi cú pháp CSV (thông báo gốc: ${message})`, message),
  notFilledIn: (hint: string) => t(`chưa điền: ${hint}`, `not filled in: ${hint}`),
};

/** What the yaml library's error codes mean, in Vietnamese (its own message, in English, follows as is). */
const YAML_VI: Record<string, string> = {
  DUPLICATE_KEY: 'khóa bị lặp lại (trong cùng một nhóm, mỗi khóa chỉ được viết một lần)',
  BAD_INDENT: 'thụt lề không đúng: các mục cùng cấp phải bắt đầu ở cùng một cột',
  TAB_AS_INDENT: 'không được thụt lề bằng phím Tab, hãy dùng dấu cách',
  BLOCK_AS_IMPLICIT_KEY:
    'không được viết hai dấu “:” trên cùng một dòng (giá trị có dấu “:” phải đặt trong dấu ngoặc kép)',
  MULTILINE_IMPLICIT_KEY: 'khóa phải nằm trọn trên một dòng (thiếu dấu “:” hoặc dấu ngoặc kép?)',
  MISSING_CHAR: 'thiếu ký tự (dấu phẩy, dấu hai chấm, dấu ngoặc...)',
  UNEXPECTED_TOKEN: 'có ký tự không đúng chỗ',
  BAD_SCALAR_START: 'giá trị không được bắt đầu bằng ký tự này (hãy đặt giá trị trong dấu ngoặc kép)',
  BAD_DQ_ESCAPE: 'ký tự thoát “\\” không hợp lệ trong dấu ngoặc kép',
  MULTIPLE_DOCS: 'tệp chỉ được có một tài liệu YAML (bỏ dòng “---” thứ hai)',
};

/** A YAML (or JSON) syntax error: what it means by the yaml library's code, and its own message. */
export function yamlSyntax(code: string, message: string): Text {
  return t(`lỗi cú pháp: ${YAML_VI[code] ?? 'sai cú pháp YAML'} (thông báo gốc: ${message})`, message);
}
