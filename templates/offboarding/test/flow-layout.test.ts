import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACK_DIR } from './pack-files.js';

// The designer draws every node as a 190 px wide box, at least 60 px high and up to ~80 with a two-line
// name (designer/src/app/styles.css .flow-node, flows/flow-layout.ts); the instance page uses the same canvas.
const WIDTH = 190;
const HEIGHT = 80;
const GAP = 30;

interface Placed { id: string; position: { x: number; y: number } }

describe('offboarding flow diagram', () => {
  it('places every node so that no two boxes overlap or touch', () => {
    const flow = JSON.parse(readFileSync(join(PACK_DIR, 'flows/offboarding.json'), 'utf8')) as { nodes: Placed[] };
    const clashes: string[] = [];
    flow.nodes.forEach((a, i) => {
      for (const b of flow.nodes.slice(i + 1)) {
        const apartX = Math.abs(a.position.x - b.position.x) >= WIDTH + GAP;
        const apartY = Math.abs(a.position.y - b.position.y) >= HEIGHT + GAP;
        if (!apartX && !apartY) clashes.push(`${a.id} / ${b.id}`);
      }
    });
    expect(clashes).toEqual([]);
  });
});
