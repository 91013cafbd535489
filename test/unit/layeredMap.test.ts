import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LayeredMap } from '../../server/services/LayeredMap.ts';

type Op = { kind: 'set' | 'delete' | 'derive'; key: number; value: number };

const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('set', 'set', 'delete', 'derive'),
  key: fc.nat(40),
  value: fc.integer(),
});

describe('LayeredMap', () => {
  it('behaves as a Map through any sequence of changes and versions, and never changes an older version', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(30), fc.integer())),
        fc.array(opArb, { maxLength: 800 }),
        (initial, ops) => {
          const model = new Map<number, number>(initial);
          let map = LayeredMap.over(new Map(initial));
          const versions: [LayeredMap<number, number>, Map<number, number>][] = [];
          for (const op of ops) {
            if (op.kind === 'set') {
              map.set(op.key, op.value);
              model.set(op.key, op.value);
            } else if (op.kind === 'delete') {
              expect(map.delete(op.key)).toBe(model.delete(op.key));
            } else {
              versions.push([map, new Map(model)]);
              map = map.derive();
            }
            expect(map.size).toBe(model.size);
            expect(map.get(op.key)).toBe(model.get(op.key));
            expect(map.has(op.key)).toBe(model.has(op.key));
          }
          expect(new Map(map)).toEqual(model);
          expect([...map.keys()].sort()).toEqual([...model.keys()].sort());
          for (const [version, snapshot] of versions) expect(new Map(version)).toEqual(snapshot);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('folds a long run of changes into a new base without losing any', () => {
    let map = LayeredMap.over(new Map([[0, 0]]));
    for (let i = 1; i <= 2000; i++) {
      map = map.derive();
      map.set(i, i);
      if (i % 3 === 0) map.delete(i - 1);
    }
    expect(map.size).toBe(2001 - 666);
    expect(map.get(2000)).toBe(2000);
    expect(map.has(1997)).toBe(false);
    expect(map.has(1998)).toBe(true);
  });
});
