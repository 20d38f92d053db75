// Deterministic identifiers: workflow ids, and the Message-IDs of notices, threads and invites. No imports:
// safe in workflow code too.
//
// Threading: every notice about one (campaign, unit, milestone) carries In-Reply-To and References pointing at
// one synthetic root, `<campaign.unit.milestone.thread@dondoc>`, which is never sent itself. Mail clients
// thread by References, so the notices group whatever was sent first and whichever notices failed. Digests
// thread the same way on `<campaign.unit.digest.thread@dondoc>` of the superior they go to.

/** The campaign workflow's id is the campaign id; each unit's is `<campaign>/<unit>`. */
export function campaignWorkflowId(campaignId: string): string {
  return campaignId;
}

export function unitWorkflowId(campaignId: string, unitId: string): string {
  return `${campaignId}/${unitId}`;
}

/**
 * Keeps ids readable while making them valid in a Message-ID: non-ASCII and other bytes become `=XX`. A `.`
 * inside an id becomes `=2E` too (and `=` is always escaped), since `.` joins the parts: unit `b.c` with milestone
 * `m` and unit `b` with milestone `c.m` must not share an id. Ids without a dot keep the ids they always had.
 */
function part(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]/gu, (ch) =>
    ch.charCodeAt(0) < 0x80
      ? `=${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
      : encodeURIComponent(ch).replace(/%/g, '='),
  );
}

/** `<campaign.unit.milestone.kind.seq.dueEpochMs@dondoc>`: the same notice always has the same id. */
export function noticeMessageId(
  campaignId: string,
  unitId: string,
  milestoneId: string,
  kind: string,
  seq: number,
  dueAt: string,
): string {
  return `<${[campaignId, unitId, milestoneId, kind].map(part).join('.')}.${seq}.${Date.parse(dueAt)}@dondoc>`;
}

/** A digest's id: one per superior, day and sequence number. */
export function digestMessageId(campaignId: string, unitId: string, day: string, seq: number): string {
  return `<${part(campaignId)}.${part(unitId)}.digest.${part(day)}.${seq}@dondoc>`;
}

export function threadRootId(campaignId: string, unitId: string, milestoneId: string): string {
  return `<${part(campaignId)}.${part(unitId)}.${part(milestoneId)}.thread@dondoc>`;
}

export function digestThreadRootId(campaignId: string, unitId: string): string {
  return `<${part(campaignId)}.${part(unitId)}.digest.thread@dondoc>`;
}

/** The calendar event's UID: one event per (campaign, unit, milestone), updated and cancelled in place. */
export function icsUid(campaignId: string, unitId: string, milestoneId: string): string {
  return `${part(campaignId)}.${part(unitId)}.${part(milestoneId)}@dondoc`;
}

/** A unit's new portal link, after its `count`th revocation. */
export function linkMessageId(campaignId: string, unitId: string, count: number): string {
  return `<${part(campaignId)}.${part(unitId)}.link.${count}@dondoc>`;
}

export function linkThreadRootId(campaignId: string, unitId: string): string {
  return `<${part(campaignId)}.${part(unitId)}.link.thread@dondoc>`;
}

/** The workflow that mails a unit its new portal link after its `count`th revocation (workflows/link.ts). */
export function linkNoticeWorkflowId(campaignId: string, unitId: string, count: number): string {
  return `${unitWorkflowId(campaignId, unitId)}/link/${count}`;
}

/** The final report mailed to the issuer once a closed campaign is archived: one per campaign. */
export function finalReportMessageId(campaignId: string): string {
  return `<${part(campaignId)}.final-report@dondoc>`;
}
