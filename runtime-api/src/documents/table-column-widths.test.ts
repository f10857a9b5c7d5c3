import { describe, expect, it } from 'vitest';
import { fitColumnWidths, unbreakableRuns } from './table-column-widths.js';

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe('fitColumnWidths', () => {
  it('keeps the layout shares when every word fits', () => {
    expect(fitColumnWidths([0.5, 0.3, 0.2], [40, 40, 40], 500)).toEqual([250, 150, 100]);
  });
  it('widens a narrow column to its longest word, taking the room from columns with spare', () => {
    const widths = fitColumnWidths([0.5, 0.4, 0.1], [60, 60, 70], 500);
    expect(widths[2]).toBe(70);
    expect(sum(widths)).toBeCloseTo(500);
    expect(widths[0]!).toBeGreaterThan(widths[1]!);
    widths.forEach((w, i) => expect(w).toBeGreaterThanOrEqual([60, 60, 70][i]!));
  });
  it('scales the minimums down when they cannot all fit', () => {
    const widths = fitColumnWidths([0.5, 0.5], [300, 300], 400);
    expect(widths).toEqual([200, 200]);
  });
});

describe('unbreakableRuns', () => {
  it('splits at spaces, slashes and hyphens', () => {
    expect(unbreakableRuns('Confirmed by IT/HR sign-off')).toEqual(['Confirmed', 'by', 'IT', 'HR', 'sign', 'off']);
  });
  it('lets Chinese break between any two characters', () => {
    expect(unbreakableRuns('已确认 LT-0101')).toEqual(['已', '确', '认', 'LT', '0101']);
  });
});
