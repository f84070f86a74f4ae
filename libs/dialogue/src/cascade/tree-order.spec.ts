import { branchOf, treeOrder } from './tree-order';

const m = (email: string, managerEmail: string | null) => ({ email, managerEmail });
const shape = (placed: { manager: { email: string }; depth: number }[]) =>
  placed.map((p) => `${'.'.repeat(p.depth)}${p.manager.email}`);

describe('the tree order of the managers', () => {
  // head → ann (→ cem → dan), bob; lone reports outside the tree; given in name order, not tree order.
  const managers = [
    m('ann', 'head'),
    m('bob', 'head'),
    m('cem', 'ann'),
    m('dan', 'cem'),
    m('head', null),
    m('lone', 'someone-outside'),
  ];

  it('puts each manager before their branch, siblings in the given order, tops first-come', () => {
    expect(shape(treeOrder(managers))).toEqual(['head', '.ann', '..cem', '...dan', '.bob', 'lone']);
  });

  it('keeps managers of a reporting cycle (stale data) instead of losing them', () => {
    const cycle = [m('x', 'y'), m('y', 'x'), m('self', 'self'), m('top', null)];
    const placed = shape(treeOrder(cycle));
    expect(placed).toEqual(['self', 'top', 'x', '.y']);
  });

  it('cuts the branch of one manager out of the order: them and everyone below', () => {
    const ordered = treeOrder(managers);
    expect(shape(branchOf(ordered, 'ann'))).toEqual(['.ann', '..cem', '...dan']);
    expect(shape(branchOf(ordered, 'dan'))).toEqual(['...dan']);
    expect(shape(branchOf(ordered, 'head'))).toHaveLength(5);
    expect(branchOf(ordered, 'nobody')).toEqual([]);
  });
});
