// Search attributes on unit workflows, so overdue units are listed by a visibility query.
// SQLite visibility allows 10 Keyword, 3 KeywordList, 3 Int and 3 Datetime custom attributes per namespace.
import {
  defineSearchAttributeKey,
  SearchAttributeType,
  type SearchAttributeUpdatePair,
} from '@temporalio/common';
import type { Unit } from '../core/definition/types';

export const CAMPAIGN = defineSearchAttributeKey('DondocCampaign', SearchAttributeType.KEYWORD);
export const UNIT = defineSearchAttributeKey('DondocUnit', SearchAttributeType.KEYWORD);
export const LEVEL = defineSearchAttributeKey('DondocLevel', SearchAttributeType.KEYWORD);
export const PARENT = defineSearchAttributeKey('DondocParent', SearchAttributeType.KEYWORD);
export const OVERDUE = defineSearchAttributeKey('DondocOverdue', SearchAttributeType.KEYWORD_LIST);

export const ALL_SEARCH_ATTRIBUTES = [CAMPAIGN, UNIT, LEVEL, PARENT, OVERDUE];

export function unitSearchAttributes(
  campaignId: string,
  unit: Unit,
  overdue: string[],
): SearchAttributeUpdatePair[] {
  return [
    { key: CAMPAIGN, value: campaignId },
    { key: UNIT, value: unit.id },
    { key: LEVEL, value: unit.level },
    { key: PARENT, value: unit.parent ?? '' },
    { key: OVERDUE, value: overdue },
  ];
}

/** What a visibility query may quote as is between double quotes (ids are letters, digits, '.', '_', '-'). */
export const QUOTABLE_ID = /^[^"'\\]+$/;

/**
 * The visibility query of a campaign's running unit workflows: a unit that continued as new counts once, not once
 * per run (10,002 of 10,000 at 10,000 units when closed runs counted).
 */
export function runningUnitsQuery(campaignId: string): string {
  return `${CAMPAIGN.name} = "${campaignId}" AND ExecutionStatus = "Running"`;
}
