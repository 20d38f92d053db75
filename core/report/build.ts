// The aggregated report of a unit's subtree (or the whole campaign): one row per unit, grouped by level, with
// each milestone's completeness and each report's figures in the outline's order. Pure: the aggregates are
// given (from the engine's queries or added up from final states).

import { childrenIndex } from '../definition/tree';
import type { Aggregate, Campaign, FieldType, FieldValue, MilestoneKind, Unit } from '../definition/types';
import type { AggValue, SubtreeAggregate, Tally } from './aggregate';

export interface ReportField {
  id: string;
  label: string;
  type: FieldType;
  aggregate: Aggregate;
}

export interface ReportMilestone {
  id: string;
  kind: MilestoneKind;
  title: string;
  /** The outline of a report milestone; empty for the others. */
  fields: ReportField[];
}

export interface ReportCell {
  tally: Tally;
  /** (submitted + waived) / expected, or null when nothing is expected of the subtree. */
  completeness: number | null;
  /** Field id → the subtree's figure, in the outline's order. */
  values: Record<string, AggValue>;
}

export interface ReportRow {
  unitId: string;
  name: string;
  level: string;
  parent: string | null;
  /** 0 for the report's root. */
  depth: number;
  /** Units in the subtree, this one included. */
  units: number;
  /** false when the unit's workflow was not found (not started): its figures are empty. */
  reporting: boolean;
  milestones: Record<string, ReportCell>;
}

export interface ReportLevel {
  level: string;
  name: string;
  rows: ReportRow[];
}

export interface Report {
  campaign: { id: string; title: string; timeZone: string; issuer: string };
  root: { unitId: string; name: string };
  generatedAt: string;
  milestones: ReportMilestone[];
  levels: ReportLevel[];
}

const EMPTY: Tally = { expected: 0, submitted: 0, onTime: 0, late: 0, waived: 0, missing: 0 };

function cellOf(agg: SubtreeAggregate | undefined, m: ReportMilestone): ReportCell {
  const tally = { ...EMPTY, ...(agg?.tallies[m.id] ?? {}) };
  const values: Record<string, AggValue> = {};
  for (const f of m.fields) {
    const v = agg?.values[m.id]?.[f.id];
    values[f.id] =
      v ?? (f.aggregate === 'list' ? [] : f.aggregate === 'sum' || f.aggregate === 'count' ? 0 : null);
  }
  return {
    tally,
    completeness: tally.expected === 0 ? null : (tally.submitted + tally.waived) / tally.expected,
    values,
  };
}

export function reportMilestones(c: Campaign): ReportMilestone[] {
  return c.milestones.map((m) => ({
    id: m.id,
    kind: m.kind,
    title: m.title,
    fields:
      m.kind === 'result-report' || m.kind === 'periodic-report'
        ? m.outline.map((f) => ({ id: f.id, label: f.label, type: f.type, aggregate: f.aggregate }))
        : [],
  }));
}

export function buildReport(input: {
  campaign: Campaign;
  rootUnitId: string;
  aggregates: ReadonlyMap<string, SubtreeAggregate>;
  generatedAt: string;
}): Report {
  const c = input.campaign;
  const byId = new Map(c.units.map((u) => [u.id, u]));
  const root = byId.get(input.rootUnitId);
  if (!root) throw new Error(`campaign ${c.campaign.id} has no unit '${input.rootUnitId}'`);
  const rootAgg = input.aggregates.get(root.id);
  // Only the milestones owed somewhere in this subtree.
  const milestones = reportMilestones(c).filter((m) => (rootAgg?.tallies[m.id]?.expected ?? 0) > 0);
  const children = childrenIndex(c.units);
  const rows: ReportRow[] = [];
  // Depth first in file order, iterative: a chain tens of thousands deep does not overflow the stack.
  const stack: { u: Unit; depth: number }[] = [{ u: root, depth: 0 }];
  for (let e = stack.pop(); e; e = stack.pop()) {
    const { u, depth } = e;
    const agg = input.aggregates.get(u.id);
    rows.push({
      unitId: u.id,
      name: u.name,
      level: u.level,
      parent: u.parent ?? null,
      depth,
      units: agg?.units ?? 1,
      reporting: agg !== undefined,
      milestones: Object.fromEntries(milestones.map((m) => [m.id, cellOf(agg, m)])),
    });
    const kids = children.get(u.id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ u: kids[i] as Unit, depth: depth + 1 });
  }
  const levels = c.levels
    .map((l) => ({ level: l.id, name: l.name, rows: rows.filter((r) => r.level === l.id) }))
    .filter((l) => l.rows.length > 0);
  return {
    campaign: {
      id: c.campaign.id,
      title: c.campaign.title,
      timeZone: c.campaign.timeZone,
      issuer: c.campaign.issuer,
    },
    root: { unitId: root.id, name: root.name },
    generatedAt: input.generatedAt,
    milestones,
    levels,
  };
}

/** A figure as a spreadsheet cell: numbers stay numbers; a list becomes "unit: value" lines. */
export function cellValue(v: AggValue, unitNames: ReadonlyMap<string, string>, sep = '\n'): number | string {
  if (v === null) return '';
  if (typeof v === 'number' || typeof v === 'string') return v;
  return v.map((e) => `${unitNames.get(e.unitId) ?? e.unitId}: ${formatFieldValue(e.value)}`).join(sep);
}

function formatFieldValue(v: FieldValue): string {
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  return String(v);
}

/** The columns every milestone has, in order, with their Vietnamese headings. */
export const TALLY_COLUMNS: { key: keyof Tally | 'completeness'; label: string }[] = [
  { key: 'expected', label: 'Phải nộp' },
  { key: 'submitted', label: 'Đã nộp' },
  { key: 'onTime', label: 'Đúng hạn' },
  { key: 'late', label: 'Muộn' },
  { key: 'waived', label: 'Được miễn' },
  { key: 'missing', label: 'Còn thiếu' },
  { key: 'completeness', label: 'Hoàn thành' },
];
