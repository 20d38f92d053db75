// A milestone's coordinating units (`coordinate`, same shape as `appliesTo`): checked here for validate.ts
// against the units as written. A unit both `appliesTo` and `coordinate` name implements the milestone (tree.ts).
// Pure, no zod.
import type { PathSegment } from './issues';
import type { Text } from './messages';
import { coordinates } from './tree';
import type { AppliesTo, Unit } from './types';

type Add = (path: PathSegment[], code: string, message: Text) => void;

const WORDS = {
  unknownUnit: (id: string): Text => ({ vi: `không có đơn vị '${id}'`, en: `unknown unit '${id}'` }),
  issuer: (id: string): Text => ({
    vi: `'${id}' là đơn vị ban hành: không phối hợp thực hiện mốc của chính mình`,
    en: `'${id}' is the issuing unit: it does not coordinate its own milestone`,
  }),
  unknownLevel: (l: string): Text => ({
    vi: `không đơn vị nào thuộc cấp '${l}'`,
    en: `no unit has level '${l}'`,
  }),
  unknownTag: (tag: string): Text => ({
    vi: `không đơn vị nào có nhãn '${tag}'`,
    en: `no unit has tag '${tag}'`,
  }),
  none: (id: string): Text => ({
    vi: `mốc '${id}' không có đơn vị phối hợp nào (đơn vị có trong cả appliesTo thì thực hiện mốc, không phải phối hợp)`,
    en: `milestone '${id}' has no coordinating unit (a unit appliesTo names too implements it)`,
  }),
};

/** What the check reads of a parsed milestone. */
export interface CoordinateView {
  id: string;
  appliesTo: AppliesTo;
  coordinate?: AppliesTo | undefined;
}

/**
 * Each milestone's `coordinate`: known units, levels and tags, never the issuer, and at least one unit that
 * coordinates without implementing. Without any unit (none given, or the CSV could not be read) nothing is checked.
 */
export function checkCoordinate(
  add: Add,
  milestones: { index: number; m: CoordinateView }[],
  units: Unit[],
  rootId: string | undefined,
): void {
  if (units.length === 0) return;
  const ids = new Set(units.map((u) => u.id));
  const levels = new Set(units.map((u) => u.level));
  const tags = new Set(units.flatMap((u) => u.tags));
  for (const { index, m } of milestones) {
    const a = m.coordinate;
    if (!a) continue;
    const at = (...p: PathSegment[]) => ['milestones', index, 'coordinate', ...p];
    a.units?.forEach((u, i) => {
      if (!ids.has(u)) add(at('units', i), 'unknown_unit', WORDS.unknownUnit(u));
      else if (u === rootId) add(at('units', i), 'issuer_coordinates', WORDS.issuer(u));
    });
    a.except?.forEach((u, i) => {
      if (!ids.has(u)) add(at('except', i), 'unknown_unit', WORDS.unknownUnit(u));
    });
    a.levels?.forEach((l, i) => {
      if (!levels.has(l)) add(at('levels', i), 'unknown_level', WORDS.unknownLevel(l));
    });
    a.tags?.forEach((t, i) => {
      if (!tags.has(t)) add(at('tags', i), 'unknown_tag', WORDS.unknownTag(t));
    });
    if (!units.some((u) => coordinates(m, u, rootId))) add(at(), 'no_units', WORDS.none(m.id));
  }
}
