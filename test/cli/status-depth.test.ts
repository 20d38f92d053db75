// `dondoc status` without --depth shows as many levels as keep the tree small (every unit shown is asked for
// its state), so a campaign of thousands of units answers with its top levels instead of asking every unit.
import { depthThatFits, subtree } from '../../client/campaign-view';
import type { Campaign, Unit } from '../../core/definition/types';
import { tinyCampaign } from '../support/campaigns';

/** A province, `districts` districts, `communes` communes under each. */
function tree(districts: number, communes: number): Campaign {
  const units: Unit[] = [
    { id: 'root', name: 'Tỉnh', level: 'province', emails: ['p@example.org'], tags: [] },
  ];
  for (let d = 0; d < districts; d++) {
    units.push({ id: `d${d}`, name: `Huyện ${d}`, level: 'district', parent: 'root', emails: [], tags: [] });
    for (let c = 0; c < communes; c++) {
      units.push({
        id: `d${d}c${c}`,
        name: `Xã ${c}`,
        level: 'commune',
        parent: `d${d}`,
        emails: [],
        tags: [],
      });
    }
  }
  return { ...tinyCampaign([]), units };
}

it('shows the whole tree when it is small', () => {
  expect(depthThatFits(tree(5, 10), 'root', 200)).toBe(2);
  expect(subtree(tree(5, 10), 'root', 2)).toHaveLength(56);
});

it('stops at the level that would make it too big, never above the root’s subordinates', () => {
  expect(depthThatFits(tree(50, 200), 'root', 200)).toBe(1);
  expect(depthThatFits(tree(500, 20), 'root', 200)).toBe(1);
  expect(depthThatFits(tree(50, 200), 'd3', 200)).toBe(1);
  expect(depthThatFits(tree(50, 200), 'd3', 201)).toBe(1);
  expect(depthThatFits(tree(10, 18), 'root', 200)).toBe(2);
  expect(depthThatFits(tree(10, 19), 'root', 200)).toBe(1);
});
