// Every way the plans write a deadline or a window (issue 13), the dates that do not exist, and the scanner
// that finds these phrases inside free text.
import { findDatePhrases } from '../../core/calendar/phrase-scan';
import { checkDue, checkWindow, parseDue, parseLocalDate, parseWindow } from '../../core/calendar/phrases';

const Y2024 = { year: 2024 };

describe('checkDue: the forms the plans use', () => {
  it.each([
    ['trước ngày 20/5/2024', {}, { kind: 'before', date: '2024-05-20' }],
    ['trước ngày 20/8', Y2024, { kind: 'before', date: '2024-08-20' }],
    ['trước 20/8/2024', {}, { kind: 'before', date: '2024-08-20' }],
    ['hoàn thành trước 30/6', Y2024, { kind: 'before', date: '2024-06-30' }],
    ['hoàn thành trước ngày 30/6/2025', {}, { kind: 'before', date: '2025-06-30' }],
    ['chậm nhất ngày 15/6/2024', {}, { kind: 'end-of', date: '2024-06-15' }],
    ['chậm nhất là ngày 15/6/2024', {}, { kind: 'end-of', date: '2024-06-15' }],
    ['chậm nhất 15/6', Y2024, { kind: 'end-of', date: '2024-06-15' }],
    ['chậm nhất trước ngày 15/6/2024', {}, { kind: 'before', date: '2024-06-15' }],
    ['hết ngày 9/8/2024', {}, { kind: 'end-of', date: '2024-08-09' }],
    ['đến hết ngày 9/8/2024', {}, { kind: 'end-of', date: '2024-08-09' }],
    ['hạn nộp: 15/6/2024', {}, { kind: 'end-of', date: '2024-06-15' }],
    ['trước 17h00 ngày 15/6/2024', {}, { kind: 'at', date: '2024-06-15', time: '17:00' }],
    ['trước 17 giờ ngày 15/6/2024', {}, { kind: 'at', date: '2024-06-15', time: '17:00' }],
    ['trước 17 giờ 30 phút ngày 15/6/2024', {}, { kind: 'at', date: '2024-06-15', time: '17:30' }],
    ['17h30 ngày 15/6/2024', {}, { kind: 'at', date: '2024-06-15', time: '17:30' }],
    ['8h ngày 2/1', Y2024, { kind: 'at', date: '2024-01-02', time: '08:00' }],
    ['17h30, ngày 15/6/2024', {}, { kind: 'at', date: '2024-06-15', time: '17:30' }],
    ['trước ngày 15/6/2024 lúc 17h30', {}, { kind: 'at', date: '2024-06-15', time: '17:30' }],
    ['trước 24 giờ ngày 15/6/2024', {}, { kind: 'end-of', date: '2024-06-15' }],
    ['trong tháng 5/2024', {}, { kind: 'end-of', date: '2024-05-31' }],
    ['trong tháng 2 năm 2024', {}, { kind: 'end-of', date: '2024-02-29' }],
    ['trong tháng 2/2023', {}, { kind: 'end-of', date: '2023-02-28' }],
    ['trong tháng 12', Y2024, { kind: 'end-of', date: '2024-12-31' }],
    ['trước ngày 15 tháng 6 năm 2024', {}, { kind: 'before', date: '2024-06-15' }],
    // Date notations: dd/mm/yyyy, d/m/yyyy, d/m/yy (20yy), ISO, a bare date meaning "trước ngày".
    ['05/06/2024', {}, { kind: 'before', date: '2024-06-05' }],
    ['5/6/2024', {}, { kind: 'before', date: '2024-06-05' }],
    ['trước ngày 5/6/24', {}, { kind: 'before', date: '2024-06-05' }],
    ['trước 2024-06-05', {}, { kind: 'before', date: '2024-06-05' }],
    ['2024-05-10 17:00', {}, { kind: 'at', date: '2024-05-10', time: '17:00' }],
    ['2024-05-10T17:00', {}, { kind: 'at', date: '2024-05-10', time: '17:00' }],
  ])('%j (context %j)', (text, ctx, due) => {
    expect(checkDue(text, ctx)).toEqual({ ok: true, value: due });
    expect(parseDue(text, ctx)).toEqual(due);
  });

  it('reads any normalisation, any case, extra spaces and a closing full stop', () => {
    const nfd = 'Chậm nhất là ngày 15/6/2024'.normalize('NFD');
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    expect(parseDue(nfd)).toEqual({ kind: 'end-of', date: '2024-06-15' });
    expect(parseDue('  TRƯỚC\tNGÀY   20 / 5 /2024. ')).toEqual({ kind: 'before', date: '2024-05-20' });
    expect(parseDue('TRONG THÁNG 5/2024'.normalize('NFD'))).toEqual({ kind: 'end-of', date: '2024-05-31' });
  });

  it('takes the year from the context only when the phrase has none', () => {
    expect(parseDue('trước ngày 20/8/2023', Y2024)).toEqual({ kind: 'before', date: '2023-08-20' });
    expect(parseDue('trước ngày 20/8', { year: 2031 })).toEqual({ kind: 'before', date: '2031-08-20' });
  });
});

describe('checkDue: dates that do not exist, and phrases that are not deadlines', () => {
  it.each([
    [
      '31/4/2024',
      'ngày "31/4/2024" không tồn tại (tháng 4 chỉ có 30 ngày)',
      'date "31/4/2024" does not exist (April has 30 days)',
    ],
    [
      'trước ngày 31/4/2024',
      'ngày "31/4/2024" không tồn tại (tháng 4 chỉ có 30 ngày)',
      'date "31/4/2024" does not exist (April has 30 days)',
    ],
    [
      'trước ngày 29/02/2023',
      'ngày "29/02/2023" không tồn tại (tháng 2 năm 2023 chỉ có 28 ngày)',
      'date "29/02/2023" does not exist (February 2023 has 28 days)',
    ],
    [
      'trước ngày 0/5',
      'ngày "0/5" không tồn tại (không có ngày 0)',
      'date "0/5" does not exist (there is no day 0)',
    ],
    [
      'chậm nhất ngày 32/1',
      'ngày "32/1" không tồn tại (tháng 1 chỉ có 31 ngày)',
      'date "32/1" does not exist (January has 31 days)',
    ],
    [
      'trước ngày 1/13/2024',
      'ngày "1/13/2024" không tồn tại (không có tháng 13)',
      'date "1/13/2024" does not exist (there is no month 13)',
    ],
    [
      'trước 2024-02-30',
      'ngày "2024-02-30" không tồn tại (tháng 2 năm 2024 chỉ có 29 ngày)',
      'date "2024-02-30" does not exist (February 2024 has 29 days)',
    ],
    [
      'trong tháng 13/2024',
      'tháng "13/2024" không tồn tại (không có tháng 13)',
      'month "13/2024" does not exist (there is no month 13)',
    ],
    [
      'trước 25h00 ngày 1/8/2024',
      'giờ "25h00" không hợp lệ (giờ từ 0 đến 23, phút từ 0 đến 59)',
      'time "25h00" is not valid (hours 0 to 23, minutes 0 to 59)',
    ],
    [
      'trước 17h75 ngày 1/8/2024',
      'giờ "17h75" không hợp lệ (giờ từ 0 đến 23, phút từ 0 đến 59)',
      'time "17h75" is not valid (hours 0 to 23, minutes 0 to 59)',
    ],
    [
      'trước ngày 1/1/1800',
      'ngày "1/1/1800": năm 1800 nằm ngoài khoảng 1900–2200',
      'date "1/1/1800": year 1800 is outside 1900–2200',
    ],
    [
      'trong tháng 5/1800',
      'tháng "5/1800": năm 1800 nằm ngoài khoảng 1900–2200',
      'month "5/1800": year 1800 is outside 1900–2200',
    ],
  ])('%j is refused: %s (%s)', (text, error, errorEn) => {
    const r = checkDue(text, {});
    expect(r).toEqual({ ok: false, code: expect.stringMatching(/^invalid_(date|time)$/), error, errorEn });
    expect(parseDue(text)).toBeUndefined();
  });

  it('checks 29 February against the year the context gives', () => {
    expect(checkDue('trước ngày 29/2', { year: 2023 })).toMatchObject({
      ok: false,
      error: 'ngày "29/2" không tồn tại (tháng 2 năm 2023 chỉ có 28 ngày)',
    });
    expect(parseDue('trước ngày 29/2', Y2024)).toEqual({ kind: 'before', date: '2024-02-29' });
  });

  it('a date without a year, and none in the context, lacks its year', () => {
    expect(checkDue('trước ngày 20/8')).toEqual({
      ok: false,
      code: 'missing_year',
      error: 'ngày "20/8" thiếu năm (hãy ghi đủ ngày/tháng/năm)',
      errorEn: 'date "20/8" has no year (write the day, month and year)',
    });
    expect(checkDue('trong tháng 5')).toEqual({
      ok: false,
      code: 'missing_year',
      error: 'tháng "5" thiếu năm (hãy ghi đủ tháng/năm)',
      errorEn: 'month "5" has no year (write the month and year)',
    });
    expect(parseDue('trước ngày 20/8')).toBeUndefined();
  });

  it.each(['cuối tháng 5/2024', 'sau ngày 20/5/2024', 'trước ngày', 'ngày mai', '20/5/2024 và 21/5/2024'])(
    '%j is not a deadline: the error names it',
    (text) => {
      const r = checkDue(text, Y2024);
      expect(r).toMatchObject({ ok: false, code: 'unrecognised' });
      expect(!r.ok && r.error).toContain(`"${text}" không phải là một thời hạn`);
      expect(!r.ok && r.errorEn).toContain(`"${text}" is not a deadline (write e.g. "trước ngày 20/5/2024"`);
    },
  );
});

describe('checkWindow', () => {
  it.each([
    ['từ ngày 01/8/2024 đến hết ngày 19/8/2024', {}, { from: '2024-08-01', to: '2024-08-19' }],
    ['từ ngày 01/8 đến hết ngày 19/8/2024', {}, { from: '2024-08-01', to: '2024-08-19' }],
    ['từ ngày 01/7 đến ngày 19/8/2025', Y2024, { from: '2025-07-01', to: '2025-08-19' }],
    ['từ ngày 01/8/2024 đến ngày 19/8', {}, { from: '2024-08-01', to: '2024-08-19' }],
    ['từ 01/8 đến 19/8', Y2024, { from: '2024-08-01', to: '2024-08-19' }],
    ['từ ngày 01 đến hết ngày 19/8/2024', {}, { from: '2024-08-01', to: '2024-08-19' }],
    ['từ ngày 01/8 - 19/8/2024', {}, { from: '2024-08-01', to: '2024-08-19' }],
    ['từ 2024-08-01 đến 2024-08-19', {}, { from: '2024-08-01', to: '2024-08-19' }],
    [
      'từ 7h30 ngày 01/8 đến 17h00 ngày 19/8/2024',
      {},
      { from: '2024-08-01', to: '2024-08-19', fromTime: '07:30', toTime: '17:00' },
    ],
    ['Từ   Ngày 01/8 ĐẾN HẾT ngày 19/8/24'.normalize('NFD'), {}, { from: '2024-08-01', to: '2024-08-19' }],
    [
      'từ 7h30 đến 11 giờ ngày 15/8',
      Y2024,
      { from: '2024-08-15', to: '2024-08-15', fromTime: '07:30', toTime: '11:00' },
    ],
  ])('%j (context %j)', (text, ctx, window) => {
    expect(checkWindow(text, ctx)).toEqual({ ok: true, value: window });
    expect(parseWindow(text, ctx)).toEqual(window);
  });

  it('a window that ends before it starts is an error naming the phrase', () => {
    const text = 'từ ngày 19/8 đến hết ngày 01/8/2024';
    expect(checkWindow(text)).toEqual({
      ok: false,
      code: 'window_reversed',
      error: `"${text}": khoảng thời gian kết thúc (01/08/2024) trước khi bắt đầu (19/08/2024)`,
      errorEn: `"${text}": the window ends (01/08/2024) before it starts (19/08/2024)`,
    });
    expect(parseWindow(text)).toBeUndefined();
    // The definition reads it anyway and reports it with its path (validate.ts, window_reversed).
    expect(checkWindow(text, {}, { allowReversed: true })).toEqual({
      ok: true,
      value: { from: '2024-08-19', to: '2024-08-01' },
    });
  });

  it('refuses a window with a date that does not exist, or without any year', () => {
    expect(checkWindow('từ ngày 01/4 đến hết ngày 31/4/2024')).toMatchObject({
      ok: false,
      error: 'ngày "31/4/2024" không tồn tại (tháng 4 chỉ có 30 ngày)',
    });
    expect(checkWindow('từ ngày 29/2 đến ngày 3/3/2023')).toMatchObject({
      ok: false,
      error: 'ngày "29/2" không tồn tại (tháng 2 năm 2023 chỉ có 28 ngày)',
      errorEn: 'date "29/2" does not exist (February 2023 has 28 days)',
    });
    expect(checkWindow('từ ngày 01/8 đến ngày 19/8')).toMatchObject({
      ok: false,
      code: 'missing_year',
      errorEn: 'date "19/8" has no year (write the day, month and year)',
    });
    const r = checkWindow('từ ngày 01/8/2024 tới 19/8/2024');
    expect(r).toMatchObject({ ok: false, code: 'unrecognised' });
    expect(!r.ok && r.error).toContain(
      '"từ ngày 01/8/2024 tới 19/8/2024" không phải là một khoảng thời gian',
    );
    expect(!r.ok && r.errorEn).toBe(
      '"từ ngày 01/8/2024 tới 19/8/2024" is not a window (write e.g. "từ ngày 01/8/2024 đến hết ngày 19/8/2024")',
    );
  });
});

describe('parseLocalDate keeps its strict meaning', () => {
  it('reads yyyy-mm-dd and d/m/yyyy only', () => {
    expect(parseLocalDate('2024-05-10')).toBe('2024-05-10');
    expect(parseLocalDate('1/5/2024')).toBe('2024-05-01');
    expect(parseLocalDate('1/5/24')).toBeUndefined();
    expect(parseLocalDate('31/4/2024')).toBeUndefined();
  });
});

describe('findDatePhrases', () => {
  it('finds a deadline inside a sentence, with its offset', () => {
    const text = 'Các đơn vị gửi kế hoạch về Công an tỉnh trước ngày 20/5/2024 để tổng hợp';
    expect(findDatePhrases(text, {})).toEqual([
      {
        text: 'trước ngày 20/5/2024',
        index: text.indexOf('trước'),
        result: { kind: 'due', due: { kind: 'before', date: '2024-05-20' } },
      },
    ]);
  });

  it('finds a window as one phrase, its year from the end', () => {
    const text = 'tổ chức tập trung từ ngày 01/8 đến hết ngày 19/8/2024';
    expect(findDatePhrases(text, {})).toEqual([
      {
        text: 'từ ngày 01/8 đến hết ngày 19/8/2024',
        index: 18,
        result: { kind: 'window', window: { from: '2024-08-01', to: '2024-08-19' } },
      },
    ]);
  });

  it('returns every phrase in order, invalid ones with their reason, and skips bare dates', () => {
    const text =
      'Thực hiện Quyết định số 521/QĐ-TTg ngày 13/6/2005; gửi báo cáo chậm nhất là ngày 15/6, ' +
      'hồ sơ trước 17h00 ngày 31/4/2024, tổng kết trong tháng 12; Quốc khánh 2/9; hạn chót: 3/1/2025.';
    const found = findDatePhrases(text, Y2024);
    expect(found.map((p) => [p.text, p.result])).toEqual([
      ['chậm nhất là ngày 15/6', { kind: 'due', due: { kind: 'end-of', date: '2024-06-15' } }],
      [
        'trước 17h00 ngày 31/4/2024',
        {
          kind: 'invalid',
          error: 'ngày "31/4/2024" không tồn tại (tháng 4 chỉ có 30 ngày)',
          errorEn: 'date "31/4/2024" does not exist (April has 30 days)',
        },
      ],
      ['trong tháng 12', { kind: 'due', due: { kind: 'end-of', date: '2024-12-31' } }],
      ['hạn chót: 3/1/2025', { kind: 'due', due: { kind: 'end-of', date: '2025-01-03' } }],
    ]);
    for (const p of found) expect(text.slice(p.index, p.index + p.text.length)).toBe(p.text);
  });

  it('a year-less phrase without a year in context is returned as invalid, not dropped', () => {
    expect(findDatePhrases('báo cáo gửi trước ngày 10/6)', {})).toEqual([
      {
        text: 'trước ngày 10/6',
        index: 12,
        result: {
          kind: 'invalid',
          error: 'ngày "10/6" thiếu năm (hãy ghi đủ ngày/tháng/năm)',
          errorEn: 'date "10/6" has no year (write the day, month and year)',
        },
      },
    ]);
  });

  it('reports a reversed window, naming it', () => {
    const [found] = findDatePhrases('Tổ chức từ ngày 19/8 đến ngày 1/8/2024.', {});
    expect(found?.result).toEqual({
      kind: 'invalid',
      error:
        '"từ ngày 19/8 đến ngày 1/8/2024": khoảng thời gian kết thúc (01/08/2024) trước khi bắt đầu (19/08/2024)',
      errorEn: '"từ ngày 19/8 đến ngày 1/8/2024": the window ends (01/08/2024) before it starts (19/08/2024)',
    });
  });

  it('keeps offsets into NFD input and spans line breaks', () => {
    const text = 'Đề nghị CÁC ĐƠN VỊ gửi về\ntrước   ngày\n20/8 để tổng hợp'.normalize('NFD');
    const [found] = findDatePhrases(text, Y2024);
    expect(found?.result).toEqual({ kind: 'due', due: { kind: 'before', date: '2024-08-20' } });
    expect(found?.text).toBe('trước   ngày\n20/8'.normalize('NFD'));
    expect(found?.index).toBe(text.indexOf('trước'.normalize('NFD')));
  });

  it('takes the hours of one day as a window, not its end as a deadline', () => {
    expect(findDatePhrases('Ngày hội tổ chức từ 7h30 đến 11h00 ngày 15/8/2024 tại nhà văn hóa.', {})).toEqual(
      [
        {
          text: 'từ 7h30 đến 11h00 ngày 15/8/2024',
          index: 17,
          result: {
            kind: 'window',
            window: { from: '2024-08-15', to: '2024-08-15', fromTime: '07:30', toTime: '11:00' },
          },
        },
      ],
    );
    expect(checkWindow('từ 11h00 đến 7h30 ngày 15/8/2024')).toMatchObject({
      ok: false,
      code: 'window_reversed',
      errorEn:
        '"từ 11h00 đến 7h30 ngày 15/8/2024": the window ends (07:30 on 15/08/2024) before it starts (11:00 on 15/08/2024)',
    });
    expect(checkWindow('từ 24h00 ngày 1/8 đến ngày 2/8/2024')).toMatchObject({
      ok: false,
      code: 'invalid_time',
      error: 'giờ "24h00" không thể mở đầu',
      errorEn: 'time "24h00" cannot open a window',
    });
  });

  it('finds nothing in text without a deadline word', () => {
    expect(
      findDatePhrases('Kế hoạch số 78/KH-UBND ngày 28/3/2024; tuyên truyền trước, trong và sau 19/8.', Y2024),
    ).toEqual([]);
  });
});
