import { describe, expect, it } from 'vitest';
import { nodesOnCycles, reachable, upstream, wouldCreateCycle } from '../src/graph/cycles';

const e = (source: string, target: string) => ({ source, target });

describe('cycles', () => {
  const chain = [e('a', 'b'), e('b', 'c'), e('x', 'c')];

  it('finds what is reachable and what is upstream', () => {
    expect([...reachable(chain, 'a')].sort()).toEqual(['b', 'c']);
    expect([...upstream(chain, 'c')].sort()).toEqual(['a', 'b', 'x']);
    expect([...upstream(chain, 'a')]).toEqual([]);
  });

  it('spots an edge that would close a loop', () => {
    expect(wouldCreateCycle(chain, 'c', 'a')).toBe(true);
    expect(wouldCreateCycle(chain, 'a', 'c')).toBe(false);
    expect(wouldCreateCycle(chain, 'a', 'a')).toBe(true);
  });

  it('names exactly the nodes that sit on a cycle', () => {
    const g = [e('a', 'b'), e('b', 'c'), e('c', 'a'), e('c', 'd'), e('d', 'e'), e('f', 'f')];
    expect([...nodesOnCycles(g)].sort()).toEqual(['a', 'b', 'c', 'f']);
    expect(nodesOnCycles(chain).size).toBe(0);
  });
});
