// From a raw parsed file to a Campaign, or every issue at once. Each section (and each unit and
// milestone) is checked on its own so that one mistake never hides another.
// Over 400 lines: one check per section of the campaign format, kept together so their order (and which
// issue hides none of the others) reads top to bottom; each check is a small function of its own.
import { z } from 'zod';
import { checkCoordinate } from './coordinate';
import { type DefinitionIssue, formatPath, fromZodIssues, type PathSegment } from './issues';
import { asText, CHECK, type Lang, languageOf, type Text, ZOD } from './messages';
import {
  type CalendarSection,
  calendarSchema,
  campaignHeaderSchema,
  escalationPolicySchema,
  localDate,
  type milestoneSchema,
  milestoneSchemaFor,
  reminderPolicySchema,
  unitSchema,
} from './schema';
import { unitMatches } from './tree';
import type {
  Aggregate,
  Campaign,
  CampaignHeader,
  Level,
  Milestone,
  OutlineField,
  TemplateFiles,
  Unit,
} from './types';
import { checkUpward, resolveUpward } from './upward';

/** Where units[i] came from when it was read from a CSV file. */
export interface UnitOrigin {
  file: string;
  line: number;
}

export interface ValidateOptions {
  file: string;
  unitOrigins?: (UnitOrigin | undefined)[];
  /** The files of the campaign's `templates` folder, read and checked by load.ts. */
  templates?: TemplateFiles;
  /** The language of the issues' messages; by default the file's `campaign.language` (`vi` without one). */
  lang?: Lang;
}

export type ValidateResult = { ok: true; campaign: Campaign } | { ok: false; issues: DefinitionIssue[] };

const TOP_KEYS = [
  'campaign',
  'levels',
  'units',
  'unitsFile',
  'templates',
  'calendar',
  'reminders',
  'escalation',
  'milestones',
];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const levelsSchema = z.array(z.strictObject({ id: z.string().min(1), name: z.string().min(1) })).min(1);
/** zod's own wording, for the few issues dondoc does not word itself (issues.ts). */
const ZOD_LOCALE = { vi: z.locales.vi().localeError, en: z.locales.en().localeError };

class Collector {
  readonly issues: DefinitionIssue[] = [];
  constructor(
    private readonly file: string,
    private readonly unitOrigins: (UnitOrigin | undefined)[],
    readonly lang: Lang,
  ) {}

  /** Issues on units read from CSV name the CSV file and line, and the path within the row, instead of units[i]. */
  private locate(path: readonly PathSegment[]): { file: string; path: PathSegment[]; line?: number } {
    if (path[0] === 'units' && typeof path[1] === 'number') {
      const origin = this.unitOrigins[path[1]];
      if (origin) return { file: origin.file, line: origin.line, path: path.slice(2) };
    }
    return { file: this.file, path: [...path] };
  }

  /** An issue; its message in the file's language (a plain string, not yet in both, is the same in both). */
  add(path: readonly PathSegment[], code: string, message: string | Text): void {
    this.issues.push({ ...this.locate(path), code, message: asText(message)[this.lang] });
  }

  parse<T extends z.ZodType>(
    schema: T,
    value: unknown,
    path: readonly PathSegment[],
  ): z.output<T> | undefined {
    const r = schema.safeParse(value, { reportInput: true, error: ZOD_LOCALE[this.lang] });
    if (r.success) return r.data;
    for (const issue of fromZodIssues(this.file, path, r.error.issues, this.lang)) {
      this.issues.push({ ...issue, ...this.locate(issue.path) });
    }
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function defaultAggregate(type: OutlineField['type']): Aggregate {
  return type === 'integer' || type === 'number' ? 'sum' : type === 'boolean' ? 'count' : 'list';
}

type ParsedMilestone = { index: number; m: z.output<typeof milestoneSchema> };

export function validateCampaign(raw: unknown, opts: ValidateOptions): ValidateResult {
  const c = new Collector(opts.file, opts.unitOrigins ?? [], opts.lang ?? languageOf(raw));
  if (!isRecord(raw)) {
    c.add([], 'invalid_type', CHECK.notAMapping);
    return { ok: false, issues: c.issues };
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.includes(key)) c.add([key], 'unknown_key', ZOD.unknownKey(key));
  }

  const header = c.parse(campaignHeaderSchema, raw.campaign, ['campaign']);
  const levels = c.parse(levelsSchema, raw.levels, ['levels']);
  const calendar = c.parse(calendarSchema, raw.calendar ?? {}, ['calendar']);
  const reminders = c.parse(reminderPolicySchema, raw.reminders ?? {}, ['reminders']);
  const escalation = c.parse(escalationPolicySchema, raw.escalation ?? {}, ['escalation']);
  const units = parseUnits(c, raw);
  const facts = headerFacts(raw.campaign, header);
  const milestones = parseMilestones(c, raw, facts);

  if (levels) checkLevels(c, levels);
  const rawIds = new Set(
    (Array.isArray(raw.units) ? raw.units : []).flatMap((u) =>
      isRecord(u) && typeof u.id === 'string' ? [u.id] : [],
    ),
  );
  const anyRawRoot = (Array.isArray(raw.units) ? raw.units : []).some((u) => isRecord(u) && !u.parent);
  const tree = checkTree(c, units, levels, facts, { rawIds, anyRawRoot });
  if (calendar) checkCalendar(c, calendar);
  const claimed = claimedUnits(Array.isArray(raw.units) ? raw.units : []);
  for (const { index, m } of milestones) checkMilestone(c, index, m, claimed, tree.root, facts);
  checkUnique(
    c,
    milestones.map(({ index, m }) => ({ id: m.id, path: ['milestones', index, 'id'] })),
    'milestone',
  );
  checkUpward((path, code, message) => c.add(path, code, message), milestones, tree.root);
  checkCoordinate((path, code, message) => c.add(path, code, message), milestones, claimed, tree.root);

  if (c.issues.length > 0 || !header || !levels || !calendar || !reminders || !escalation) {
    return { ok: false, issues: c.issues };
  }
  const campaign: Campaign = {
    campaign: header as CampaignHeader,
    levels,
    units: units.map((u) => u.unit),
    calendar: campaignCalendar(calendar),
    milestones: resolveUpward(milestones.map(({ m }) => withPolicies(m, reminders, escalation))),
  };
  if (opts.templates && Object.keys(opts.templates).length > 0) campaign.templates = opts.templates;
  return { ok: true, campaign };
}

/** Each unit parsed on its own; a campaign needs units, inline or from unitsFile. */
function parseUnits(c: Collector, raw: Record<string, unknown>): { index: number; unit: Unit }[] {
  const units: { index: number; unit: Unit }[] = [];
  if (raw.units !== undefined && !Array.isArray(raw.units))
    c.add(['units'], 'invalid_type', CHECK.unitsNotAList);
  (Array.isArray(raw.units) ? raw.units : []).forEach((u, index) => {
    const unit = c.parse(unitSchema, u, ['units', index]);
    if (unit) units.push({ index, unit });
  });
  const noUnits = raw.units === undefined || (Array.isArray(raw.units) && raw.units.length === 0);
  if (noUnits && raw.unitsFile === undefined) {
    c.add(['units'], raw.units === undefined ? 'required' : 'too_small', CHECK.needsUnits);
  }
  return units;
}

/**
 * Each milestone parsed on its own; a campaign needs at least one. A date its due or window phrase writes
 * without a year ("trước ngày 20/8") is in the plan's year, that of campaign.document.issued.
 */
function parseMilestones(c: Collector, raw: Record<string, unknown>, facts: HeaderFacts): ParsedMilestone[] {
  const milestones: ParsedMilestone[] = [];
  const year = facts.issued ? Number(facts.issued.slice(0, 4)) : undefined;
  const schema = milestoneSchemaFor(year === undefined ? {} : { year });
  if (!Array.isArray(raw.milestones) || raw.milestones.length === 0) {
    c.add(['milestones'], raw.milestones === undefined ? 'required' : 'too_small', CHECK.needsMilestone);
  } else {
    raw.milestones.forEach((m, index) => {
      const parsed = c.parse(schema, m, ['milestones', index]);
      if (parsed) milestones.push({ index, m: parsed });
    });
  }
  return milestones;
}

function campaignCalendar(calendar: CalendarSection): Campaign['calendar'] {
  return {
    weekend: calendar.weekend.map((d) => WEEKDAYS.indexOf(d) + 1),
    publicHolidays: calendar.publicHolidays,
    tetDays: calendar.tetDays,
    nationalDayAdjacent: calendar.nationalDayAdjacent,
    daysOff: calendar.daysOff.map(({ date, name }) => (name ? { date, name } : { date })),
    workingDays: calendar.workingDays.map(({ date, name }) => (name ? { date, name } : { date })),
  };
}

/** A milestone with the campaign's reminder and escalation policies under its own, and its outline's aggregates. */
function withPolicies(
  m: ParsedMilestone['m'],
  reminders: z.output<typeof reminderPolicySchema>,
  escalation: z.output<typeof escalationPolicySchema>,
): Milestone {
  const r = { ...reminders, ...definedOnly(m.reminders) };
  const e = { ...escalation, ...definedOnly(m.escalation) };
  const common = {
    reminders: r,
    escalation: {
      ...e,
      sendAt: e.sendAt ?? r.sendAt,
      workingDaysOnly: e.workingDaysOnly ?? r.workingDaysOnly,
    },
  };
  if (m.kind === 'result-report' || m.kind === 'periodic-report') {
    return {
      ...m,
      ...common,
      outline: m.outline.map((f) => ({ ...f, aggregate: f.aggregate ?? defaultAggregate(f.type) })),
    };
  }
  return { ...m, ...common } as Milestone;
}

/** Issuer and issue date as written, checked against units and due dates even if another header field is wrong. */
interface HeaderFacts {
  issuer?: string | undefined;
  issued?: string | undefined;
}

function headerFacts(rawHeader: unknown, header: CampaignHeader | undefined): HeaderFacts {
  if (header) return { issuer: header.issuer, issued: header.document.issued };
  if (!isRecord(rawHeader)) return {};
  const issued = isRecord(rawHeader.document)
    ? localDate.safeParse(rawHeader.document.issued).data
    : undefined;
  return { issuer: typeof rawHeader.issuer === 'string' ? rawHeader.issuer : undefined, issued };
}

/**
 * What each unit says it is (id, level, tags), even a unit with errors of its own, which are reported
 * already: milestones are checked against these, so one bad unit does not make them look wrong too.
 */
function claimedUnits(rawUnits: unknown[]): Unit[] {
  return rawUnits.flatMap((u) => {
    if (!isRecord(u) || typeof u.id !== 'string') return [];
    const level = typeof u.level === 'string' ? u.level : '';
    const tags = Array.isArray(u.tags) ? u.tags.filter((t): t is string => typeof t === 'string') : [];
    return [{ id: u.id, name: '', level, emails: [], tags }];
  });
}

function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  if (!o) return {};
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkUnique(c: Collector, items: { id: string; path: PathSegment[] }[], what: string): void {
  const first = new Map<string, PathSegment[]>();
  for (const { id, path } of items) {
    const seen = first.get(id);
    if (seen) c.add(path, 'duplicate_id', CHECK.duplicateId(what, id, formatPath(seen)));
    else first.set(id, path);
  }
}

function checkLevels(c: Collector, levels: Level[]): void {
  checkUnique(
    c,
    levels.map((l, i) => ({ id: l.id, path: ['levels', i, 'id'] })),
    'level',
  );
}

interface Tree {
  root?: string;
  byId: Map<string, { index: number; unit: Unit }>;
}

function checkTree(
  c: Collector,
  units: { index: number; unit: Unit }[],
  levels: Level[] | undefined,
  facts: HeaderFacts,
  raw: { rawIds: Set<string>; anyRawRoot: boolean },
): Tree {
  checkUnique(
    c,
    units.map(({ index, unit }) => ({ id: unit.id, path: ['units', index, 'id'] })),
    'unit',
  );
  const byId = new Map<string, { index: number; unit: Unit }>();
  for (const u of units) if (!byId.has(u.unit.id)) byId.set(u.unit.id, u);

  const levelIds = new Set(levels?.map((l) => l.id));
  if (levels) {
    for (const { index, unit } of units) {
      if (!levelIds.has(unit.level)) {
        c.add(
          ['units', index, 'level'],
          'unknown_level',
          CHECK.unknownLevel(unit.level, [...levelIds].join(', ')),
        );
      }
    }
  }

  const roots: { index: number; unit: Unit }[] = [];
  for (const u of units) {
    const parent = u.unit.parent;
    if (parent === undefined || parent === null) roots.push(u);
    else if (parent === u.unit.id) c.add(['units', u.index, 'parent'], 'cycle', CHECK.ownParent(parent));
    else if (!byId.has(parent) && !raw.rawIds.has(parent))
      c.add(['units', u.index, 'parent'], 'unknown_parent', CHECK.unknownParent(parent));
  }
  const root = roots[0];
  for (const extra of roots.slice(1)) {
    c.add(
      ['units', extra.index, 'parent'],
      'several_roots',
      CHECK.severalRoots(extra.unit.id, root?.unit.id ?? ''),
    );
  }
  if (units.length > 0 && roots.length === 0 && !raw.anyRawRoot) {
    c.add(['units'], 'no_root', CHECK.noRoot);
  }

  // Cycles: walk up from each unit; report each cycle once, at its first unit in file order.
  const state = new Map<string, 'done' | 'cycle'>();
  for (const { index, unit } of units) {
    const chain: string[] = [];
    const onChain = new Set<string>();
    let cur: string | undefined = unit.id;
    while (cur !== undefined && !state.has(cur) && !onChain.has(cur)) {
      chain.push(cur);
      onChain.add(cur);
      const p: string | null | undefined = byId.get(cur)?.unit.parent;
      cur = p && byId.has(p) && p !== cur ? p : undefined;
    }
    if (cur !== undefined && onChain.has(cur)) {
      const loop = chain.slice(chain.indexOf(cur));
      for (const id of loop) state.set(id, 'cycle');
      const at = byId.get(loop[0] ?? unit.id)?.index ?? index;
      c.add(['units', at, 'parent'], 'cycle', CHECK.cycle([...loop, loop[0]].join(' → ')));
    }
    for (const id of chain) if (!state.has(id)) state.set(id, 'done');
  }

  const issuer = facts.issuer;
  if (issuer && root && issuer !== root.unit.id) {
    c.add(
      ['campaign', 'issuer'],
      byId.has(issuer) ? 'issuer_not_root' : 'unknown_unit',
      byId.has(issuer)
        ? CHECK.issuerNotRoot(issuer, root.unit.id)
        : CHECK.unknownIssuer(issuer, root.unit.id),
    );
  }
  return root ? { root: root.unit.id, byId } : { byId };
}

function checkCalendar(c: Collector, cal: CalendarSection): void {
  const off = new Map(cal.daysOff.map((d, i) => [d.date, i]));
  cal.workingDays.forEach((d, i) => {
    const j = off.get(d.date);
    if (j !== undefined) {
      c.add(['calendar', 'workingDays', i], 'calendar_conflict', CHECK.calendarConflict(d.date, j));
    }
  });
}

function checkMilestone(
  c: Collector,
  index: number,
  m: z.output<typeof milestoneSchema>,
  units: Unit[],
  rootId: string | undefined,
  facts: HeaderFacts,
): void {
  const at = (...p: PathSegment[]) => ['milestones', index, ...p];
  // Without any unit (none given, or the CSV could not be read) there is nothing to check against.
  if (units.length > 0) checkAppliesTo(c, at, m, units, rootId);

  const issued = facts.issued;
  if (m.kind === 'event-window') {
    const opens = `${m.window.from} ${m.window.fromTime ?? '00:00'}`;
    const closes = m.window.toTime ? `${m.window.to} ${m.window.toTime}` : `${m.window.to} 24:00`;
    if (closes <= opens) {
      c.add(
        at('window'),
        'window_reversed',
        CHECK.windowReversed(
          [m.window.to, m.window.toTime].filter(Boolean).join(' '),
          [m.window.from, m.window.fromTime].filter(Boolean).join(' '),
        ),
      );
    } else if (issued && m.window.to < issued) {
      c.add(at('window'), 'due_before_issue', CHECK.windowBeforeIssue(m.window.to, issued));
    }
  } else if (issued) {
    const date = m.due.date;
    if (date < issued || (m.due.kind === 'before' && date === issued)) {
      c.add(
        at('due'),
        'due_before_issue',
        m.due.kind === 'before' ? CHECK.dueBeforeOnIssue(date, issued) : CHECK.dueBeforeIssue(date, issued),
      );
    }
  }

  if (m.kind === 'result-report' || m.kind === 'periodic-report') {
    checkUnique(
      c,
      m.outline.map((f, i) => ({ id: f.id, path: at('outline', i, 'id') })),
      'outline field',
    );
    m.outline.forEach((f, i) => {
      const numeric = f.type === 'integer' || f.type === 'number';
      if (f.aggregate === 'sum' && !numeric) {
        c.add(at('outline', i, 'aggregate'), 'invalid_aggregate', CHECK.cannotSum(f.type));
      }
      if ((f.aggregate === 'min' || f.aggregate === 'max') && !numeric && f.type !== 'date') {
        c.add(
          at('outline', i, 'aggregate'),
          'invalid_aggregate',
          CHECK.minMaxNeedsOrder(f.aggregate, f.type),
        );
      }
      if (f.min !== undefined && f.max !== undefined && f.max < f.min) {
        c.add(at('outline', i, 'max'), 'invalid_range', CHECK.maxBelowMin(f.max, f.min));
      }
    });
  }
  if (m.kind === 'site-registration') {
    checkUnique(
      c,
      m.siteFields.map((f, i) => ({ id: f.id, path: at('siteFields', i, 'id') })),
      'site field',
    );
  }
}

function checkAppliesTo(
  c: Collector,
  at: (...p: PathSegment[]) => PathSegment[],
  m: z.output<typeof milestoneSchema>,
  units: Unit[],
  rootId: string | undefined,
): void {
  const a = m.appliesTo;
  const ids = new Set(units.map((u) => u.id));
  const levels = new Set(units.map((u) => u.level));
  const tags = new Set(units.flatMap((u) => u.tags));
  a.units?.forEach((u, i) => {
    if (!ids.has(u)) c.add(at('appliesTo', 'units', i), 'unknown_unit', CHECK.unknownUnit(u));
    else if (u === rootId && !('reportsTo' in m && m.reportsTo)) {
      c.add(at('appliesTo', 'units', i), 'issuer_owes', CHECK.issuerOwes(u));
    }
  });
  a.except?.forEach((u, i) => {
    if (!ids.has(u)) c.add(at('appliesTo', 'except', i), 'unknown_unit', CHECK.unknownUnit(u));
  });
  a.levels?.forEach((l, i) => {
    if (!levels.has(l)) c.add(at('appliesTo', 'levels', i), 'unknown_level', CHECK.noUnitAtLevel(l));
  });
  a.tags?.forEach((t, i) => {
    if (!tags.has(t)) c.add(at('appliesTo', 'tags', i), 'unknown_tag', CHECK.noUnitTagged(t));
  });
  if (!units.some((u) => unitMatches(m.appliesTo, u, rootId))) {
    c.add(at('appliesTo'), 'no_units', CHECK.appliesToNoUnit(m.id));
  }
}
