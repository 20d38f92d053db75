// A submission's update id, shared by the CLI and the portal: the same submission (campaign, unit, milestone,
// actor, content, note) has the same id, so one sent again after a timeout or an error page is recorded once
// (Temporal answers an update id it knows with its first outcome). When it was taken (receivedAt) is left out.
import { createHash } from 'node:crypto';
import type { SubmitInput } from '../../contract/messages';

export function submissionUpdateId(campaignId: string, unitId: string, input: SubmitInput): string {
  const { milestoneId, actor, payload, note } = input;
  const key = JSON.stringify([campaignId, unitId, milestoneId, actor, payload, note ?? null]);
  return `submit-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}
