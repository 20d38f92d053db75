// The opening notice to a unit that only coordinates a milestone ("đơn vị phối hợp"), and a digest copied to
// recipients for information only (`copyTo`), as composed from the default templates.
import { composeNotice } from '../../activities/mail/compose';
import { templateSetFor } from '../../activities/mail/templates';
import { noticeAudit } from '../../contract/audit';
import type { DeadlineNotice, DigestNotice } from '../../contract/notices';
import { digest, FROM, notice } from './notices';

const templates = templateSetFor();

describe('the opening notice to a unit that coordinates', () => {
  const opened = (language: 'vi' | 'en', coordinating: boolean) => {
    const n = notice('opened', language) as DeadlineNotice;
    return composeNotice(coordinating ? { ...n, role: 'coordinate' } : n, templates, { from: FROM });
  };

  it('says the unit coordinates and owes nothing, with no invite and nothing to send', () => {
    const mail = opened('vi', true);
    expect(mail.subject).toBe('[Phối hợp] Xã An Bình: Báo cáo kết quả, hạn trước ngày 20/08/2026');
    expect(mail.text).toContain('Xã An Bình là đơn vị phối hợp: Báo cáo kết quả.');
    expect(mail.text).toContain('Đơn vị phối hợp không phải gửi nội dung');
    expect(mail.text).toContain('Thời hạn: trước ngày 20/08/2026');
    expect(mail.text).not.toContain('Nội dung cần gửi');
    expect(mail.text).not.toContain('Còn ');
    expect(String(mail.html)).toContain('<strong>đơn vị phối hợp</strong>');
    expect(mail.icalEvent).toBeUndefined();
    const en = opened('en', true);
    expect(en.subject).toBe('[For coordination] Xã An Bình: Báo cáo kết quả, due before 20/08/2026');
    expect(en.text).toContain('is a unit for coordination on: Báo cáo kết quả.');
    expect(en.icalEvent).toBeUndefined();
  });

  it('to a unit that implements, is the usual one (the control)', () => {
    const mail = opened('vi', false);
    expect(mail.subject).toMatch(/^\[Triển khai\] /);
    expect(mail.text).toContain('Xã An Bình cần thực hiện: Báo cáo kết quả.');
    expect(mail.text).toContain('Nội dung cần gửi');
    expect(mail.text).not.toContain('phối hợp');
    expect((mail.icalEvent as { method?: string } | undefined)?.method).toBe('REQUEST');
  });
});

describe('a digest with recipients for information only', () => {
  const copied: DigestNotice = {
    ...digest('vi'),
    cc: ['v05@bca.example.org', 'bcd@binh-son.example.org', 'v05@bca.example.org', 'tu@tinh.example.org'],
  };

  it('copies them (Cc), each once and never one already addressed', () => {
    const mail = composeNotice(copied, templates, { from: FROM });
    expect(mail.to).toEqual(['bcd@binh-son.example.org']);
    expect(mail.cc).toEqual(['v05@bca.example.org', 'tu@tinh.example.org']);
    expect(composeNotice(digest('vi'), templates, { from: FROM })).not.toHaveProperty('cc');
  });

  it('names them in the audit', () => {
    expect(noticeAudit(copied).cc).toEqual(copied.cc);
    expect(noticeAudit(digest('vi'))).not.toHaveProperty('cc');
  });
});
