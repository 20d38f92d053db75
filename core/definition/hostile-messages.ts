// The words of the checks against hostile input (read-input.ts, yaml-keys.ts, hostile.ts, schedule-check.ts),
// in Vietnamese and English; kept apart from messages.ts, which is long enough.
import type { Text } from './messages';

const t = (vi: string, en: string): Text => ({ vi, en });
/** A size as people read it: 1.9 MiB. */
export const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

export const HOSTILE = {
  notRegular: t(
    'không phải là một tệp thông thường (thư mục, thiết bị, ống dẫn…): dondoc chỉ đọc tệp thông thường',
    'is not a regular file (a folder, device, pipe…): dondoc reads regular files only',
  ),
  tooLarge: (size: number, max: number) =>
    t(
      `tệp quá lớn: ${mib(size)}, giới hạn là ${mib(max)}`,
      `the file is too large: ${mib(size)}, the limit is ${mib(max)}`,
    ),
  notUtf8: (what: string) =>
    t(
      `tệp không phải UTF-8 (${what}): hãy lưu lại tệp với bảng mã UTF-8`,
      `the file is not UTF-8 (${what}): save it again as UTF-8`,
    ),
  aliasBomb: t(
    'tệp dùng quá nhiều bí danh YAML (*alias): từ chối để tránh cạn kiệt bộ nhớ',
    'the file uses too many YAML aliases (*alias): refused to avoid exhausting memory',
  ),
  yamlUnreadable: (reason: string) =>
    t(`không đọc được nội dung YAML: ${reason}`, `the YAML content cannot be read: ${reason}`),
  duplicateKey: (key: string, line: number) =>
    t(
      `khóa '${key}' bị lặp lại (đã có ở dòng ${line})`,
      `the key '${key}' is repeated (already at line ${line})`,
    ),
  collectionKey: t(
    'khóa phải là một chuỗi, không phải danh sách hay bảng (có thể thiếu dấu cách sau dấu hai chấm?)',
    'a key must be a string, not a list or a mapping (a space missing after a colon?)',
  ),
  protoKey: t(
    "khóa '__proto__' không được phép trong tệp chiến dịch",
    "the key '__proto__' is not allowed in a campaign file",
  ),
  tooLargeToSend: (bytes: number, max: number) =>
    t(
      `định nghĩa quá lớn để gửi tới Temporal: ${mib(bytes)} sau khi nén, tối đa ${mib(max)} (tên hoặc văn bản quá dài, hoặc quá nhiều đơn vị)`,
      `the definition is too large to send to Temporal: ${mib(bytes)} compressed, at most ${mib(max)} (names or texts too long, or too many units)`,
    ),
  tooManyUnits: (n: number, max: number) =>
    t(`quá nhiều đơn vị: ${n}, giới hạn là ${max}`, `too many units: ${n}, the limit is ${max}`),
  reservedId: (id: string) =>
    t(
      `mã '${id}' trùng tên một thuộc tính sẵn có của JavaScript; hãy chọn mã khác`,
      `the id '${id}' is the name of a built-in JavaScript property; choose another id`,
    ),
  controlChar: (code: string) =>
    t(
      `chứa ký tự điều khiển ${code} (xuống dòng, ESC, đảo chiều văn bản…), không được phép ở đây`,
      `contains the control character ${code} (line break, ESC, bidi override…), not allowed here`,
    ),
  toneTwin: (id: string, other: string, otherPath: string) =>
    t(
      `mã đơn vị '${id}' trùng với '${other}' ở ${otherPath} (chỉ khác cách đặt dấu thanh, ví dụ hòa/hoà)`,
      `the unit id '${id}' is the same as '${other}' at ${otherPath} (only the tone mark placement differs, e.g. hòa/hoà)`,
    ),
  scheduleFails: (part: Text, reason: Text) =>
    t(
      `không tính được lịch (${part.vi}): ${reason.vi}`,
      `cannot compute the schedule (${part.en}): ${reason.en}`,
    ),
};

/** What a schedule check failed on. */
export const SCHEDULE_PART = {
  due: t('hạn hoặc khoảng thời gian', 'the due date or window'),
  reminders: t('các lần nhắc', 'the reminders'),
  escalation: t('các lần đôn đốc quá hạn', 'the escalations'),
  calendar: t('lịch làm việc', 'the working calendar'),
};

/** Why a schedule cannot be computed. */
export const SCHEDULE_REASON = {
  range: (min: number, max: number, year: string) =>
    t(
      `có thời điểm năm ${year}, ngoài phạm vi lịch âm dương dondoc biết (${min}–${max})`,
      `an instant falls in ${year}, outside the lunisolar calendar dondoc knows (${min}–${max})`,
    ),
  noWorkingDay: t(
    'không có ngày làm việc nào để nhắc (calendar.weekend hoặc các ngày nghỉ chiếm hết mọi ngày)',
    'there is no working day to send on (calendar.weekend or the days off cover every day)',
  ),
  other: (reason: string) => t(`lỗi khi tính: ${reason}`, `error while computing: ${reason}`),
};
