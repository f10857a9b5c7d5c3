import { describe, expect, it } from 'vitest';
import { fitOptionsFor, LOW_DETAIL_ZOOM, MIN_FIT_ZOOM } from './flow-fit.js';

describe('initial fit zoom', () => {
  it('never fits an ordinary flow below the zoom where labels are shown', () => {
    const opts = fitOptionsFor(40);
    expect(opts.minZoom).toBe(MIN_FIT_ZOOM);
    expect(opts.minZoom!).toBeGreaterThan(LOW_DETAIL_ZOOM);
    expect(opts.maxZoom).toBe(1);
  });
  it('lets a very big flow fit as a whole overview', () => {
    expect(fitOptionsFor(500).minZoom).toBeUndefined();
  });
});
