// The campaign definition as written in a YAML/JSON file. Shape checks only: cross-references
// (parents, cycles, which units a milestone applies to, dates against the issue date) are in validate.ts.
// This module uses zod: import it from clients and activities, never from workflow code.
// Text reaches it in Unicode NFC: load.ts (read-input.ts) normalises every file it reads, so that ids and names
// typed with decomposed accents (NFD) are the same as composed ones; hostile.ts refuses what this shape allows but
// hostile input abuses (Object.prototype names as ids, control characters, ids equal but for tone placement).
// Over 400 lines: it is the whole file format as one zod tree (each section refers to the pieces above it);
// the calendar section is the candidate to move out (with localDate and `custom`) when it grows again.
import { Duration, IANAZone } from 'luxon';
import { z } from 'zod';
import {
  checkDue,
  checkWindow,
  type PhraseContext,
  type PhraseResult,
  parseLocalDate,
  parseTime,
} from '../calendar/phrases';
import { asText, CHECK, fixed, SCHEMA, type Text } from './messages';

/** A custom issue: its code, and its text in both languages (issues.ts picks the file's; zod keeps the Vietnamese). */
function custom(code: string, message: string | Text) {
  const text = asText(message);
  return { message: text.vi, params: { code, text } };
}

const id = z
  .string()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, SCHEMA.idChars)
  .max(80);

export const localDate = z.string().transform((s, ctx) => {
  const d = parseLocalDate(s);
  if (!d) {
    ctx.addIssue({
      code: 'custom',
      ...custom('invalid_date', SCHEMA.notADate(s)),
    });
    return z.NEVER;
  }
  return d;
});

/** The longest range a calendar entry may span, in days. */
const MAX_RANGE_DAYS = 366;
const RANGE_HINT: Text = {
  vi: 'viết "2024-02-08..2024-02-14" hoặc "08/02/2024..14/02/2024"',
  en: 'write "2024-02-08..2024-02-14" or "08/02/2024..14/02/2024"',
};

/** The days from `from` to `to` (yyyy-mm-dd), both included. */
function daysOfRange(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** A date, or a range of dates `2024-02-08..2024-02-14` (also `08/02/2024..14/02/2024`): the days it covers. */
const dateOrRange = z.string().transform((s, ctx) => {
  const fail = (code: string, message: Text) => {
    ctx.addIssue({ code: 'custom', ...custom(code, message) });
    return z.NEVER;
  };
  if (!s.includes('..')) {
    const d = parseLocalDate(s);
    return d ? [d] : fail('invalid_date', SCHEMA.notADate(s));
  }
  const parts = s.split('..');
  if (parts.length !== 2 || parts.some((p) => p.trim() === '')) {
    return fail('invalid_range', SCHEMA.notARange(s, RANGE_HINT));
  }
  const [from, to] = parts.map((p) => parseLocalDate(p));
  const bad = parts.find((p) => !parseLocalDate(p));
  if (!from || !to) {
    return fail('invalid_range', SCHEMA.rangeBadDay(s, (bad ?? '').trim(), RANGE_HINT));
  }
  if (from > to) return fail('range_reversed', SCHEMA.rangeReversed(s, from, to));
  const length = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (length > MAX_RANGE_DAYS) {
    return fail('range_too_long', SCHEMA.rangeTooLong(s, length, MAX_RANGE_DAYS));
  }
  return daysOfRange(from, to);
});

/** A day off or make-up working day: a date or a range, alone or with its name; one entry per day covered. */
const dateEntry = z.union([
  dateOrRange.transform((dates) => dates.map((date) => ({ date, name: undefined as string | undefined }))),
  z
    .strictObject({ date: dateOrRange, name: z.string().optional() })
    .transform(({ date, name }) => date.map((d) => ({ date: d, name }))),
]);

export const isoDuration = z.string().transform((s, ctx) => {
  const d = Duration.fromISO(s);
  if (!d.isValid) {
    ctx.addIssue({
      code: 'custom',
      ...custom('invalid_duration', SCHEMA.notADuration(s)),
    });
    return z.NEVER;
  }
  if (Object.values(d.toObject()).some((v) => v < 0)) {
    ctx.addIssue({ code: 'custom', ...custom('invalid_duration', SCHEMA.negativeDuration(s)) });
    return z.NEVER;
  }
  return s;
});

const positiveDuration = isoDuration.superRefine((s, ctx) => {
  if (Duration.fromISO(s).toMillis() <= 0) {
    ctx.addIssue({ code: 'custom', ...custom('invalid_duration', SCHEMA.zeroDuration(s)) });
  }
});

const timeOfDay = z.string().transform((s, ctx) => {
  const t = parseTime(s);
  if (!t) {
    ctx.addIssue({ code: 'custom', ...custom('invalid_time', SCHEMA.notATime(s)) });
    return z.NEVER;
  }
  return t;
});

const timeZone = z.string().superRefine((s, ctx) => {
  if (!IANAZone.isValidZone(s)) {
    ctx.addIssue({
      code: 'custom',
      ...custom('unknown_time_zone', SCHEMA.unknownTimeZone(s)),
    });
  }
});

/**
 * A phrase that reads but names a date that does not exist (or lacks its year): the phrase and why, in both
 * languages (phrases.ts words why: `error`, `errorEn`). A year-less date takes the plan's year
 * (campaign.document.issued): lacking it, that date is wrong.
 */
function phraseIssue(s: string, r: Extract<PhraseResult<unknown>, { ok: false }>) {
  const missingYear = r.code === 'missing_year';
  const { vi } = SCHEMA.phrase(s, r.error, missingYear);
  const { en } = SCHEMA.phrase(s, r.errorEn, missingYear);
  return custom(r.code, { vi, en });
}

/** A due phrase; a date written without its year takes `phrase.year` (the plan's year, see validate.ts). */
const dueSpec = (phrase: PhraseContext) =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const s = String(v);
    const due = checkDue(s, phrase);
    if (!due.ok) {
      ctx.addIssue({
        code: 'custom',
        ...(due.code === 'unrecognised' ? custom('invalid_due', SCHEMA.notADue(s)) : phraseIssue(s, due)),
      });
      return z.NEVER;
    }
    return due.value;
  });

const windowSpec = (phrase: PhraseContext) =>
  z.union([
    z.string().transform((s, ctx) => {
      // A reversed window reads here: validate.ts reports it (window_reversed), as for the object form.
      const w = checkWindow(s, phrase, { allowReversed: true });
      if (!w.ok) {
        ctx.addIssue({
          code: 'custom',
          ...(w.code === 'unrecognised' ? custom('invalid_window', SCHEMA.notAWindow(s)) : phraseIssue(s, w)),
        });
        return z.NEVER;
      }
      return w.value;
    }),
    // With times, the window is [from fromTime, to toTime): for short windows (a compressed demo, a one-day event).
    z.strictObject({
      from: localDate,
      to: localDate,
      fromTime: timeOfDay.optional(),
      toTime: timeOfDay.optional(),
    }),
  ]);

/** Its message is dondoc's, in the file's language (issues.ts, `invalid_email`). */
export const email = z.email();

/** The longest unit name taken: the longest real ones are about 150 characters. */
export const MAX_NAME_CHARS = 1000;

export const unitSchema = z.strictObject({
  id,
  name: z.string().min(1).max(MAX_NAME_CHARS),
  level: z.string().min(1),
  parent: id.nullish(),
  emails: z.array(email).min(1, SCHEMA.unitNeedsEmail),
  tags: z.array(z.string().min(1)).default([]),
});

const levelSchema = z.strictObject({ id, name: z.string().min(1) });

export const FIELD_TYPES = ['integer', 'number', 'text', 'date', 'boolean'] as const;
export const AGGREGATES = ['sum', 'count', 'min', 'max', 'list'] as const;

const fieldSchema = z.strictObject({
  id,
  label: z.string().min(1),
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(true),
  min: z.number().optional(),
  max: z.number().optional(),
});

const outlineFieldSchema = fieldSchema.extend({ aggregate: z.enum(AGGREGATES).optional() });

const appliesToSchema = z
  .strictObject({
    all: z.boolean().optional(),
    levels: z.array(z.string().min(1)).optional(),
    tags: z.array(z.string().min(1)).optional(),
    units: z.array(z.string().min(1)).optional(),
    except: z.array(z.string().min(1)).optional(),
  })
  .superRefine((a, ctx) => {
    if (!a.all && !a.levels?.length && !a.tags?.length && !a.units?.length) {
      ctx.addIssue({
        code: 'custom',
        ...custom('empty_applies_to', SCHEMA.emptyAppliesTo),
      });
    }
  });

export const RECIPIENTS = ['unit', 'parent', 'issuer'] as const;

export const reminderPolicySchema = z.strictObject({
  offsets: z.array(positiveDuration).default(['P7D', 'P3D', 'P1D']),
  beforeOpen: z.array(positiveDuration).optional(),
  sendAt: timeOfDay.default('08:00'),
  workingDaysOnly: z.boolean().default(true),
});

const escalationStepSchema = z.strictObject({
  after: isoDuration,
  to: z.array(z.enum(RECIPIENTS)).min(1),
});

/**
 * How escalations reach a superior: `none` (the default, also when absent) mails each escalation on its own;
 * `daily` gathers them into one digest per superior and day, listing every overdue subordinate.
 */
export const ESCALATION_DIGESTS = ['none', 'daily'] as const;
const escalationDigest = z.enum(ESCALATION_DIGESTS);

export const escalationPolicySchema = z.strictObject({
  steps: z.array(escalationStepSchema).default([
    { after: 'P1D', to: ['unit'] },
    { after: 'P3D', to: ['unit', 'parent'] },
  ]),
  repeatEvery: positiveDuration.optional(),
  maxRepeats: z.number().int().min(0).max(52).default(3),
  sendAt: timeOfDay.optional(),
  workingDaysOnly: z.boolean().optional(),
  digest: escalationDigest.optional(),
});

// A milestone's own reminders/escalation: only the keys it sets, without defaults, so that validate.ts
// fills the rest from the campaign's policy (`.partial()` would re-apply the defaults over it).
const reminderOverrideSchema = z.strictObject({
  offsets: z.array(positiveDuration).optional(),
  beforeOpen: z.array(positiveDuration).optional(),
  sendAt: timeOfDay.optional(),
  workingDaysOnly: z.boolean().optional(),
});

const escalationOverrideSchema = z.strictObject({
  steps: z.array(escalationStepSchema).optional(),
  repeatEvery: positiveDuration.optional(),
  maxRepeats: z.number().int().min(0).max(52).optional(),
  sendAt: timeOfDay.optional(),
  workingDaysOnly: z.boolean().optional(),
  digest: escalationDigest.optional(),
});

/** Recipients for information only ("Nơi nhận … để b/c, để biết"): copied, owing nothing. */
const needsEmail = fixed({ vi: 'cần ít nhất một địa chỉ email', en: 'needs at least one email address' });
const copyToSchema = z.array(
  z.strictObject({ name: z.string().min(1), emails: z.array(email).min(1, needsEmail) }),
);

const milestoneBase = {
  id,
  title: z.string().min(1),
  description: z.string().optional(),
  appliesTo: appliesToSchema,
  /** Units that coordinate ("phối hợp"): told when it opens, owing nothing (validate.ts checks the units). */
  coordinate: appliesToSchema.optional(),
  copyTo: copyToSchema.optional(),
  reminders: reminderOverrideSchema.optional(),
  escalation: escalationOverrideSchema.optional(),
};

const DEFAULT_SITE_FIELDS = [
  { id: 'name', label: 'Tên điểm', type: 'text' as const, required: true },
  { id: 'date', label: 'Ngày tổ chức', type: 'date' as const, required: true },
  { id: 'place', label: 'Địa điểm', type: 'text' as const, required: true },
];

/**
 * A report the issuer itself owes upward (to the ministry): whom it reports to, and which milestones of its units
 * it reports on (default: every other one). validate.ts checks it applies to the issuer alone, due after them.
 */
const upward = {
  reportsTo: z.string().min(1).optional(),
  reportsOn: z.array(id).min(1).optional(),
};

export const MILESTONE_KINDS = [
  'draft-plan',
  'plan',
  'site-registration',
  'event-window',
  'result-report',
  'periodic-report',
] as const;

/**
 * A milestone; its due and window phrases give a date written without its year `phrase.year` (validate.ts
 * passes the plan's year). `milestoneSchema` has no year to give: there, a year-less date is an error.
 */
export function milestoneSchemaFor(phrase: PhraseContext) {
  const due = dueSpec(phrase);
  return z.discriminatedUnion('kind', [
    z.strictObject({ ...milestoneBase, kind: z.literal('draft-plan'), due }),
    z.strictObject({ ...milestoneBase, kind: z.literal('plan'), due }),
    z.strictObject({
      ...milestoneBase,
      kind: z.literal('site-registration'),
      due,
      siteFields: z.array(fieldSchema).min(1).default(DEFAULT_SITE_FIELDS),
      minSites: z.number().int().min(1).optional(),
    }),
    z.strictObject({
      ...milestoneBase,
      kind: z.literal('event-window'),
      window: windowSpec(phrase),
      minEvents: z.number().int().min(1).default(1),
    }),
    z.strictObject({
      ...milestoneBase,
      ...upward,
      kind: z.literal('result-report'),
      due,
      outline: z.array(outlineFieldSchema).default([]),
    }),
    z.strictObject({
      ...milestoneBase,
      ...upward,
      kind: z.literal('periodic-report'),
      due,
      period: z.string().min(1),
      outline: z.array(outlineFieldSchema).default([]),
    }),
  ]);
}

export const milestoneSchema = milestoneSchemaFor({});

/**
 * The calendar section. `tetDays`, `daysOff` and `workingDays` take ranges, expanded here to one entry per
 * day; a day both off and worked is reported at the entries as written (a range is one entry).
 */
export const calendarSchema = z
  .strictObject({
    weekend: z
      .array(z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']))
      .default(['saturday', 'sunday']),
    publicHolidays: z.enum(['vn', 'none']).default('vn'),
    tetDays: z.array(dateOrRange).default([]),
    nationalDayAdjacent: z.array(localDate).default([]),
    daysOff: z.array(dateEntry).default([]),
    workingDays: z.array(dateEntry).default([]),
  })
  .superRefine((cal, ctx) => {
    const off = new Map<string, number>();
    cal.daysOff.forEach((days, i) => {
      for (const d of days) if (!off.has(d.date)) off.set(d.date, i);
    });
    cal.workingDays.forEach((days, i) => {
      const clash = days.find((d) => off.has(d.date));
      if (!clash) return;
      ctx.addIssue({
        code: 'custom',
        path: ['workingDays', i],
        ...custom('calendar_conflict', CHECK.calendarConflict(clash.date, off.get(clash.date) ?? 0)),
      });
    });
  })
  .transform((cal) => ({
    ...cal,
    tetDays: cal.tetDays.flat(),
    daysOff: cal.daysOff.flat(),
    workingDays: cal.workingDays.flat(),
  }));

/** A document the plan implements: its parts, or its text as written (`text`); at least one of them. */
const referenceSchema = z
  .strictObject({
    type: z.string().min(1).optional(),
    number: z.string().min(1).optional(),
    date: localDate.optional(),
    issuer: z.string().min(1).optional(),
    title: z.string().min(1).optional(),
    text: z.string().min(1).optional(),
  })
  .refine((r) => Object.values(r).some((v) => v !== undefined), {
    ...custom('empty_reference', {
      vi: 'văn bản được thực hiện cần ít nhất một trong: number, date, issuer, title, text',
      en: 'a document implemented needs at least one of: number, date, issuer, title, text',
    }),
  });

export const campaignHeaderSchema = z.strictObject({
  id,
  title: z.string().min(1),
  issuer: z.string().min(1),
  document: z.strictObject({ number: z.string().optional(), issued: localDate }),
  implements: z.union([z.string(), z.array(referenceSchema).min(1)]).optional(),
  timeZone: timeZone.default('Asia/Ho_Chi_Minh'),
  language: z.enum(['vi', 'en']).default('vi'),
  contact: z.string().optional(),
  copyTo: copyToSchema.optional(),
});

/**
 * The file as written; `unitsFile` rows are merged into `units`, and the `templates` folder is read and
 * checked, by load.ts before validation.
 */
export const campaignFileSchema = z.strictObject({
  campaign: campaignHeaderSchema,
  levels: z.array(levelSchema).min(1),
  units: z.array(unitSchema).default([]),
  unitsFile: z.string().min(1).optional(),
  /** A folder of mail templates overriding dondoc's defaults, relative to the campaign file. */
  templates: z.string().min(1).optional(),
  calendar: calendarSchema.default(() => calendarSchema.parse({})),
  reminders: reminderPolicySchema.default(() => reminderPolicySchema.parse({})),
  escalation: escalationPolicySchema.default(() => escalationPolicySchema.parse({})),
  milestones: z.array(milestoneSchema).min(1),
});

export type CampaignFile = z.output<typeof campaignFileSchema>;
export type Unit = z.output<typeof unitSchema>;
export type Milestone = z.output<typeof milestoneSchema>;
export type MilestoneKind = Milestone['kind'];
export type Field = z.output<typeof fieldSchema>;
export type OutlineField = z.output<typeof outlineFieldSchema>;
export type ReminderPolicy = z.output<typeof reminderPolicySchema>;
export type EscalationPolicy = z.output<typeof escalationPolicySchema>;
export type CalendarSection = z.output<typeof calendarSchema>;
export type Recipient = (typeof RECIPIENTS)[number];
