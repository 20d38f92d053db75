// The validated campaign: plain JSON, safe to pass to workflows and activities. No zod here.

import type { DueSpec, LocalDate, WindowSpec } from '../calendar/phrases';
import type { CalendarRules } from '../calendar/workdays';

export type Recipient = 'unit' | 'parent' | 'issuer';
export type FieldType = 'integer' | 'number' | 'text' | 'date' | 'boolean';
export type Aggregate = 'sum' | 'count' | 'min' | 'max' | 'list';
/** A value a unit gives for one field (an outline's figure, a site's cell). */
export type FieldValue = string | number | boolean;

export interface CampaignHeader {
  id: string;
  title: string;
  issuer: string;
  document: { number?: string | undefined; issued: LocalDate };
  /** The superior plan: as one string, or a list of references (core/definition/references.ts writes them). */
  implements?: string | PlanReference[] | undefined;
  timeZone: string;
  language: 'vi' | 'en';
  contact?: string | undefined;
  /** Recipients for information only ("Nơi nhận … để b/c, để biết"): copied on the issuer's daily digests. */
  copyTo?: CopyRecipient[] | undefined;
}

/** Someone copied (Cc) for information: owes nothing, is no unit of the tree. */
export interface CopyRecipient {
  name: string;
  emails: string[];
}

/** A document the plan implements ("Kế hoạch số 198/KH-BCĐ ngày 05/4/2023 của …"): at least one key. */
export interface PlanReference {
  type?: string | undefined;
  number?: string | undefined;
  date?: LocalDate | undefined;
  issuer?: string | undefined;
  title?: string | undefined;
  /** The reference as written, shown as is. */
  text?: string | undefined;
}

export interface Level {
  id: string;
  name: string;
}

export interface Unit {
  id: string;
  name: string;
  level: string;
  parent?: string | null | undefined;
  emails: string[];
  tags: string[];
}

export interface Field {
  id: string;
  label: string;
  type: FieldType;
  required: boolean;
  min?: number | undefined;
  max?: number | undefined;
}

export interface OutlineField extends Field {
  aggregate: Aggregate;
}

export interface ReminderPolicy {
  offsets: string[];
  beforeOpen?: string[] | undefined;
  sendAt: string;
  workingDaysOnly: boolean;
}

export interface EscalationPolicy {
  steps: { after: string; to: Recipient[] }[];
  repeatEvery?: string | undefined;
  maxRepeats: number;
  sendAt: string;
  workingDaysOnly: boolean;
  /**
   * `daily`: an escalation to a parent or the issuer goes into one digest per superior and day instead of an
   * email of its own. Absent means `none`.
   */
  digest?: 'none' | 'daily' | undefined;
}

export interface AppliesTo {
  all?: boolean | undefined;
  levels?: string[] | undefined;
  tags?: string[] | undefined;
  units?: string[] | undefined;
  except?: string[] | undefined;
}

interface MilestoneCommon {
  id: string;
  title: string;
  description?: string | undefined;
  appliesTo: AppliesTo;
  /**
   * Units that coordinate ("phối hợp"): told when the milestone opens, never reminded or escalated, owing
   * nothing. A unit its `appliesTo` names too implements it.
   */
  coordinate?: AppliesTo | undefined;
  /** Recipients for information only, copied on the issuer's daily digests that list this milestone. */
  copyTo?: CopyRecipient[] | undefined;
  reminders: ReminderPolicy;
  escalation: EscalationPolicy;
}

export type Milestone =
  | (MilestoneCommon & { kind: 'draft-plan'; due: DueSpec })
  | (MilestoneCommon & { kind: 'plan'; due: DueSpec })
  | (MilestoneCommon & {
      kind: 'site-registration';
      due: DueSpec;
      siteFields: Field[];
      minSites?: number | undefined;
    })
  | (MilestoneCommon & { kind: 'event-window'; window: WindowSpec; minEvents: number })
  | (MilestoneCommon & Upward & { kind: 'result-report'; due: DueSpec; outline: OutlineField[] })
  | (MilestoneCommon &
      Upward & { kind: 'periodic-report'; due: DueSpec; period: string; outline: OutlineField[] });

/** A report the issuer owes upward (applies to the issuer alone); an empty outline: a document only. */
interface Upward {
  /** Whom the issuer reports to ("Bộ Công an (Cục C06)"): set on the issuer's own report, and only there. */
  reportsTo?: string | undefined;
  /** The milestones it reports on, whose aggregate prefills its figures (field by field, same id). */
  reportsOn?: string[] | undefined;
}

export type MilestoneKind = Milestone['kind'];

/** A template folder's files by path relative to it: `vi/reminder.subject.txt` → its text. */
export type TemplateFiles = Record<string, string>;

export interface Campaign {
  campaign: CampaignHeader;
  levels: Level[];
  units: Unit[];
  calendar: CalendarRules;
  milestones: Milestone[];
  /** The campaign's own mail templates (from its `templates` folder), each overriding a default one. */
  templates?: TemplateFiles | undefined;
}
