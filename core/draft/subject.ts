// Who a sentence of a plan speaks to: "đề nghị các sở, ban, ngành … xây dựng kế hoạch" → "các sở, ban, ngành …";
// "Văn phòng có trách nhiệm …" → "Văn phòng". Pure.

const ASK = /(?:^|,\s*)(?:đề nghị|Đề nghị|yêu cầu|Yêu cầu|giao cho|Giao cho|giao|Giao)\s+/u;
const BASED_ON = /^(?:Căn cứ|Trên cơ sở)\s/u;
const VERBS = [
  'xây dựng',
  'có trách nhiệm',
  'chủ trì',
  'phối hợp',
  'tổ chức',
  'hướng dẫn',
  'tham mưu',
  'thực hiện',
  'gửi',
  'báo cáo',
  'chỉ đạo',
  'hoàn thiện',
  'triển khai',
  'lựa chọn',
  'phải',
  'theo dõi',
  'kiểm tra',
  'tiếp tục',
  'đề xuất',
  'bố trí',
  'tăng cường',
  'bảo đảm',
  'đảm bảo',
  'rà soát',
  'lập',
  'đăng ký',
  'đã',
  'sẽ',
  'cần',
];
const VERB = new RegExp(String.raw`(?:^|\s)(?:${VERBS.join('|')})(?![\p{L}\p{M}])`, 'u');
const STARTS_WITH_VERB = new RegExp(String.raw`^(?:${VERBS.join('|')})(?![\p{L}\p{M}])`, 'iu');

/** The words naming who acts in a clause (before its first verb), or '' when it starts with its verb. */
export function subjectOf(clause: string): string {
  let t = clause.trim();
  const ask = ASK.exec(t);
  if (ask) t = t.slice(ask.index + ask[0].length);
  else if (BASED_ON.test(t)) {
    // "Căn cứ …, <subject> <verb>": the subject starts with a capital after a comma, else after the first comma.
    const capital = /,\s*(?=\p{Lu})/u.exec(t) ?? /,\s*/u.exec(t);
    t = capital ? t.slice(capital.index + capital[0].length) : '';
  }
  if (STARTS_WITH_VERB.test(t)) return '';
  const verb = VERB.exec(t);
  return (verb ? t.slice(0, verb.index) : t).trim();
}
