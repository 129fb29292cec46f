// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { tidy, type Box } from '../src/graph/layout';

const overlap = (a: Box & { x: number; y: number }, b: Box & { x: number; y: number }) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('tidy up', () => {
  it('places cards of any size without overlap, sources left of their targets', () => {
    const boxes: Box[] = [
      { id: 'prompt', width: 300, height: 240 }, { id: 'claude', width: 300, height: 420 },
      { id: 'gpt', width: 300, height: 180 }, { id: 'groq', width: 300, height: 300 }, { id: 'alone', width: 200, height: 90 },
    ];
    const links = [{ source: 'prompt', target: 'claude' }, { source: 'prompt', target: 'gpt' }, { source: 'prompt', target: 'groq' }];
    const at = tidy(boxes, links);
    const placed = boxes.map((b) => ({ ...b, ...at[b.id] }));
    for (const a of placed) for (const b of placed) if (a !== b) expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false);
    for (const l of links) expect(at[l.source].x + 300).toBeLessThan(at[l.target].x);
  });

  it('ignores links to nodes it was not given', () => {
    expect(Object.keys(tidy([{ id: 'a', width: 10, height: 10 }], [{ source: 'a', target: 'gone' }]))).toEqual(['a']);
  });
});
