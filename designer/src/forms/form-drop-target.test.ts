import { describe, expect, it } from 'vitest';
import { dropTarget } from './form-drop-target.js';

const card = (container: 'root' | `section:${number}`, index: number, itemId: string) => ({
  data: { kind: 'field' as const, container, index, itemId },
  rect: { top: 100, height: 40 },
});

describe('where a dragged field lands', () => {
  it('before a card in its upper half, after it in its lower half', () => {
    expect(dropTarget(card('root', 2, 'b'), 110, {})).toEqual({ container: 'root', index: 2 });
    expect(dropTarget(card('root', 2, 'b'), 130, {})).toEqual({ container: 'root', index: 3 });
  });
  it('at the end of a container dropped on its empty space', () => {
    expect(dropTarget({ data: { kind: 'container', container: 'section:1' }, rect: { top: 0, height: 10 } }, 5, {})).toEqual({ container: 'section:1', index: Number.MAX_SAFE_INTEGER });
  });
  it('counts positions without the dragged card when it moves down its own container', () => {
    expect(dropTarget(card('root', 3, 'd'), 130, { container: 'root', index: 0, itemId: 'a' })).toEqual({ container: 'root', index: 3 });
    expect(dropTarget(card('root', 1, 'b'), 110, { container: 'root', index: 0, itemId: 'a' })).toBeNull();
    expect(dropTarget(card('root', 1, 'b'), 110, { container: 'root', index: 1, itemId: 'b' })).toBeNull();
    expect(dropTarget(null, 0, {})).toBeNull();
  });
});
