// The contract's declared audit events, without a server: every state-changing update is declared, each one's
// arguments and result give the event the audit trail has always shown, notices read as their category, and the
// names history is read by (the notice activity, the overdue search attribute) are the real ones.
import type { Transporter } from 'nodemailer';
import { type Activities, createActivities } from '../../activities';
import {
  AUDITED_UPDATES,
  auditedUpdate,
  NOTICE_ACTIVITIES,
  noticeAudit,
  noticeCategory,
  OVERDUE_ATTRIBUTE,
  SEND_NOTICE_ACTIVITY,
  submittedDocument,
} from '../../contract/audit';
import type {
  AdminEvent,
  CampaignState,
  MilestoneState,
  Receipt,
  RevokeLinkResult,
  UnitState,
} from '../../contract/messages';
import * as messages from '../../contract/messages';
import type { DeadlineNotice, DigestNotice, LinkNotice, NoticeInput } from '../../contract/notices';
import { OVERDUE } from '../../contract/search-attributes';
import type { CampaignHeader } from '../../core/definition/types';

/** Updates that change nothing (none today): they need no audit event. */
const READ_ONLY_UPDATES: string[] = [];

const AT = '2026-05-04T01:02:03.000Z';
const ACCEPTED_BEFORE = '2026-05-04T01:02:02.000Z';

function audit(name: string, args: unknown, result?: unknown) {
  const declared = auditedUpdate(name);
  if (!declared) throw new Error(`no audit declared for update '${name}'`);
  return declared.toEvent(args, result);
}

function milestone(events: AdminEvent[]): MilestoneState {
  return { id: 'ke-hoach', events } as unknown as MilestoneState;
}

describe('the declared audited updates', () => {
  it('declares every update definition of contract/messages that changes state, by its definition', () => {
    const exported: unknown[] = Object.values(messages);
    const updates = exported.filter(
      (v): v is { type: 'update'; name: string } =>
        typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'update',
    );
    expect(updates.length).toBeGreaterThanOrEqual(9);
    const declared = AUDITED_UPDATES.map((u) => u.name).sort();
    expect(declared).toEqual(
      updates
        .map((u) => u.name)
        .filter((n) => !READ_ONLY_UPDATES.includes(n))
        .sort(),
    );
    for (const u of updates) {
      if (READ_ONLY_UPDATES.includes(u.name)) continue;
      expect(auditedUpdate(u.name)?.definition).toBe(u);
    }
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('submission: the receipt gives the recorded instant, timing, status, seq and deadline; the payload its document', () => {
    const payload = {
      document: {
        title: 'Kế hoạch',
        file: { sha256: 'ab'.repeat(32), name: 'ke-hoach.pdf', type: 'application/pdf', size: 1234 },
      },
    };
    const receipt: Receipt = {
      campaignId: 'c',
      unitId: 'u',
      milestoneId: 'ke-hoach',
      seq: 2,
      recordedAt: AT,
      dueAt: '2026-05-10T17:00:00.000Z',
      onTime: true,
      status: 'awaiting-approval',
      flags: [],
    };
    const args = { milestoneId: 'ke-hoach', actor: 'Nguyễn Văn A', payload, note: 'bản ký' };
    const event = audit(messages.submitUpdate.name, args, receipt);
    expect(event).toEqual({
      at: AT,
      kind: 'submitted',
      milestoneId: 'ke-hoach',
      actor: 'Nguyễn Văn A',
      onTime: true,
      status: 'awaiting-approval',
      seq: 2,
      dueAt: '2026-05-10T17:00:00.000Z',
      payload,
      document: { name: 'ke-hoach.pdf', sha256: 'ab'.repeat(32), type: 'application/pdf', size: 1234 },
      note: 'bản ký',
    });
    // The fields' order is the trail's JSON order.
    expect(Object.keys(event)).toEqual([
      'at',
      'kind',
      'milestoneId',
      'actor',
      'onTime',
      'status',
      'seq',
      'dueAt',
      'payload',
      'document',
      'note',
    ]);
    // Failed (no receipt): what was sent, with no recorded instant.
    expect(
      audit(messages.submitUpdate.name, { milestoneId: 'bc', actor: 'A', payload: { values: {} } }),
    ).toEqual({ kind: 'submitted', milestoneId: 'bc', actor: 'A', payload: { values: {} } });
  });

  it('a document without a name or sha256 is not shown', () => {
    expect(submittedDocument(undefined)).toBeUndefined();
    expect(submittedDocument({ document: { title: 'x' } })).toBeUndefined();
    expect(
      submittedDocument({ document: { title: 'x', file: { sha256: '', name: 'a.pdf', type: '', size: 1 } } }),
    ).toBeUndefined();
    expect(
      submittedDocument({
        document: { title: 'x', file: { sha256: 'ff', name: 'a.pdf', type: '', size: 0 } },
      }),
    ).toEqual({ name: 'a.pdf', sha256: 'ff', size: 0 });
  });

  it.each([
    [messages.approveUpdate.name, 'approved'],
    [messages.returnUpdate.name, 'returned'],
    [messages.waiveUpdate.name, 'waived'],
    [messages.extendUpdate.name, 'extended'],
  ])("%s: the milestone's last event gives the instant and the detail", (name, kind) => {
    const args = { milestoneId: 'ke-hoach', actor: 'Trần Thị B', reason: 'lý do', newDue: '2026-06-01' };
    const result = milestone([
      { kind: 'approved', at: '2026-01-01T00:00:00.000Z', actor: 'x' },
      { kind: 'extended', at: AT, actor: 'Trần Thị B', detail: 'a → b' },
    ]);
    expect(audit(name, args, result)).toEqual({
      at: AT,
      kind,
      milestoneId: 'ke-hoach',
      actor: 'Trần Thị B',
      reason: 'lý do',
      detail: 'a → b',
    });
    // No reason, no result (failed): neither shown, no instant.
    expect(audit(name, { milestoneId: 'ke-hoach', actor: 'B', reason: '' })).toEqual({
      kind,
      milestoneId: 'ke-hoach',
      actor: 'B',
    });
  });

  it("close: a unit's tracking closed or cancelled, at the update's acceptance", () => {
    const state = { campaignId: 'c', unitId: 'u', closed: true, milestones: [] } as UnitState;
    expect(audit(messages.closeUpdate.name, { actor: 'B', reason: 'xong' }, state)).toEqual({
      kind: 'closed',
      actor: 'B',
      reason: 'xong',
    });
    expect(audit(messages.closeUpdate.name, { actor: 'B', cancel: true }, state)).toEqual({
      kind: 'cancelled',
      actor: 'B',
    });
  });

  it('revokeLink: the revocation instant, and which revocation it is', () => {
    const r: RevokeLinkResult = { revokedAt: AT, count: 3 };
    expect(audit(messages.revokeLinkUpdate.name, { actor: 'B', reason: 'lộ' }, r)).toEqual({
      at: AT,
      kind: 'link-revoked',
      actor: 'B',
      reason: 'lộ',
      seq: 3,
    });
  });

  it("closeCampaign: the campaign's last event, else its closing instant", () => {
    const closing: AdminEvent = { kind: 'cancelled', at: AT, actor: 'B', reason: 'sai' };
    const state = { campaignId: 'c', closed: true, closedAt: ACCEPTED_BEFORE, events: [closing] };
    expect(
      audit(
        messages.closeCampaignUpdate.name,
        { actor: 'B', reason: 'sai', cancel: true },
        state as CampaignState,
      ),
    ).toEqual({ at: AT, kind: 'campaign-cancelled', actor: 'B', reason: 'sai' });
    expect(
      audit(messages.closeCampaignUpdate.name, { actor: 'B' }, {
        ...state,
        events: [],
      } as unknown as CampaignState),
    ).toEqual({ at: ACCEPTED_BEFORE, kind: 'campaign-closed', actor: 'B' });
  });

  it('extendAll: how many units, in the detail', () => {
    const args = { milestoneId: 'bao-cao', newDue: '2026-08-30', actor: 'B', reason: 'bão' };
    expect(audit(messages.extendAllUpdate.name, args, { extended: 42, skipped: ['x: đã miễn'] })).toEqual({
      kind: 'extended-all',
      milestoneId: 'bao-cao',
      actor: 'B',
      reason: 'bão',
      detail: 'bao-cao → trước ngày 2026-08-30: 42 units',
    });
    expect(audit(messages.extendAllUpdate.name, args)).toEqual({
      kind: 'extended-all',
      milestoneId: 'bao-cao',
      actor: 'B',
      reason: 'bão',
    });
  });

  it('knows no update by another name', () => {
    expect(auditedUpdate('noSuchUpdate')).toBeUndefined();
  });
});

const campaign = { id: 'c', title: 'T', issuer: 'tinh', timeZone: 'Asia/Ho_Chi_Minh' } as CampaignHeader;
const unit = { id: 'u', name: 'Đơn vị', emails: ['u@example.vn'] };

describe('notices', () => {
  it('read as their category, with their milestone, addresses, Message-ID, seq and deadline', () => {
    const n: DeadlineNotice = {
      kind: 'escalation',
      campaign,
      unit,
      to: ['u@example.vn', 'p@example.vn'],
      recipients: ['unit', 'parent'],
      messageId: '<m@dondoc>',
      seq: 2,
      asOf: AT,
      milestone: { id: 'ke-hoach', kind: 'plan', title: 'Kế hoạch' },
      dueAt: '2026-05-01T10:00:00.000Z',
      icsSequence: 0,
    };
    expect(noticeAudit(n)).toEqual({
      kind: 'escalation',
      milestoneId: 'ke-hoach',
      notice: 'escalation',
      to: ['u@example.vn', 'p@example.vn'],
      recipients: ['unit', 'parent'],
      messageId: '<m@dondoc>',
      seq: 2,
      dueAt: '2026-05-01T10:00:00.000Z',
    });
    expect(noticeAudit({ ...n, kind: 'last-day' }).kind).toBe('reminder');
    expect(noticeAudit({ ...n, kind: 'opened' }).kind).toBe('notice');
  });

  it('a digest or a new link has no milestone nor deadline', () => {
    const digest: DigestNotice = {
      kind: 'digest',
      campaign,
      unit,
      to: ['u@example.vn'],
      messageId: '<d@dondoc>',
      seq: 1,
      asOf: AT,
      rows: [],
    };
    expect(noticeAudit(digest)).toEqual({
      kind: 'escalation',
      notice: 'digest',
      to: ['u@example.vn'],
      recipients: [],
      messageId: '<d@dondoc>',
      seq: 1,
    });
    const link: LinkNotice = { ...digest, kind: 'link', recipients: ['unit'], actor: 'B', revokedAt: AT };
    expect(noticeAudit(link)).toMatchObject({ kind: 'notice', notice: 'link', recipients: ['unit'] });
  });

  it('categories: reminders before the deadline, escalations after it', () => {
    expect(['reminder', 'last-day'].map((k) => noticeCategory(k as NoticeInput['kind']))).toEqual([
      'reminder',
      'reminder',
    ]);
    expect(['overdue', 'escalation', 'digest'].map((k) => noticeCategory(k as NoticeInput['kind']))).toEqual([
      'escalation',
      'escalation',
      'escalation',
    ]);
    expect(noticeCategory('receipt')).toBe('notice');
  });
});

describe('the names history is read by', () => {
  it("the notice activity is activities' own export, taking a notice", () => {
    // Compile-time: the name is a key of the activities, and their input is a notice.
    const name: keyof Activities = SEND_NOTICE_ACTIVITY;
    const takesNotice = (n: NoticeInput): Parameters<Activities[typeof SEND_NOTICE_ACTIVITY]>[0] => n;
    const acts = createActivities({ transport: {} as Transporter, from: 'dondoc@example.vn' });
    expect(typeof acts[name]).toBe('function');
    expect(typeof takesNotice).toBe('function');
    for (const activity of NOTICE_ACTIVITIES) expect(Object.keys(acts)).toContain(activity);
  });

  it('the overdue search attribute is the declared key', () => {
    expect(OVERDUE_ATTRIBUTE).toBe(OVERDUE.name);
    expect(OVERDUE_ATTRIBUTE).toBe('DondocOverdue');
  });
});
