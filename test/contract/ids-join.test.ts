// Issue 15, defect 13: the parts of a Message-ID or an invite's UID are joined with `.`, which ids may contain.
import fc from 'fast-check';
import { digestMessageId, icsUid, noticeMessageId, threadRootId } from '../../contract/ids';

describe('ids joined with dots', () => {
  it('unit b.c with milestone m and unit b with milestone c.m are two events, two threads, two notices', () => {
    expect(icsUid('k', 'b.c', 'm')).not.toBe(icsUid('k', 'b', 'c.m'));
    expect(threadRootId('k', 'b.c', 'm')).not.toBe(threadRootId('k', 'b', 'c.m'));
    const at = '2024-05-09T17:00:00.000Z';
    expect(noticeMessageId('k', 'b.c', 'm', 'reminder', 1, at)).not.toBe(
      noticeMessageId('k', 'b', 'c.m', 'reminder', 1, at),
    );
    expect(digestMessageId('k.x', 'u', '2024-05-09', 1)).not.toBe(
      digestMessageId('k', 'x.u', '2024-05-09', 1),
    );
  });

  it('ids without a dot keep the ids they always had', () => {
    expect(icsUid('ndh-2026', 'xa-an-binh', 'bao-cao')).toBe('ndh-2026.xa-an-binh.bao-cao@dondoc');
    expect(threadRootId('c', 'xã-an', 'm')).toBe('<c.x=C3=A3-an.m.thread@dondoc>');
  });

  it('the same parts grouped into ids in two ways give two UIDs and two thread ids', () => {
    const seg = fc.string({ unit: fc.constantFrom('a', 'ã', '=', '-', '.'), minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.tuple(seg, seg, seg, seg), ([a, b, c, d]) => {
        const x = [`${a}.${b}`, c, d] as const;
        const y = [a, `${b}.${c}`, d] as const;
        expect(icsUid(...x)).not.toBe(icsUid(...y));
        expect(threadRootId(...x)).not.toBe(threadRootId(...y));
      }),
      { numRuns: 2_000, seed: 13 },
    );
  });
});
