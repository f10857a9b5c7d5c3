import { describe, expect, it } from 'vitest';
import { layoutPositions, NODE_HEIGHT, NODE_WIDTH } from './flow-layout.js';

const n = (id: string) => ({ id, type: 'task', name: id });

describe('auto-layout', () => {
  it('lays a flow out left to right with branches stacked and no overlaps', () => {
    const def = {
      nodes: [n('start'), n('split'), n('a'), n('b'), n('join'), n('end')],
      edges: [
        { id: 'e1', from: 'start', to: 'split' },
        { id: 'e2', from: 'split', to: 'a' },
        { id: 'e3', from: 'split', to: 'b' },
        { id: 'e4', from: 'a', to: 'join' },
        { id: 'e5', from: 'b', to: 'join' },
        { id: 'e6', from: 'join', to: 'end' },
      ],
    };
    const p = layoutPositions(def);
    expect(p.size).toBe(6);
    expect(p.get('start')!.x).toBeLessThan(p.get('split')!.x);
    expect(p.get('split')!.x).toBeLessThan(p.get('a')!.x);
    expect(p.get('a')!.x).toBe(p.get('b')!.x);
    expect(p.get('a')!.y).not.toBe(p.get('b')!.y);
    expect(p.get('join')!.x).toBeLessThan(p.get('end')!.x);
    const boxes = [...p.values()];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const overlap = Math.abs(a.x - b.x) < NODE_WIDTH && Math.abs(a.y - b.y) < NODE_HEIGHT;
        expect(overlap).toBe(false);
      }
  });

  it('places nodes no edge reaches and ignores edges to unknown nodes', () => {
    const p = layoutPositions({ nodes: [n('a'), n('lonely')], edges: [{ id: 'e', from: 'a', to: 'ghost' }] });
    expect([...p.keys()].sort()).toEqual(['a', 'lonely']);
  });
});
