import { describe, expect, it } from 'vitest';
import { ValidationLoop } from './validation-loop.js';

// The preview's validation must stay out of keystroke frames and never show an answer about older data.
// `later` stands for "after the next paint": the test runs those callbacks when it says a frame passed.
function harness() {
  const frames: Array<() => void> = [];
  const asked: Array<{ data: string; answer: (r: string) => void; refuse: (e: unknown) => void }> = [];
  const shown: string[] = [];
  const failed: unknown[] = [];
  let data = 'a';
  const loop = new ValidationLoop<string>({
    validate: () =>
      new Promise<string>((resolve, reject) => {
        asked.push({ data, answer: resolve, refuse: reject });
      }),
    apply: (r) => shown.push(r),
    fail: (e) => failed.push(e),
    later: (fn) => frames.push(fn),
  });
  const paint = async () => {
    await Promise.resolve();
    for (const fn of frames.splice(0)) fn();
    await Promise.resolve();
  };
  return { loop, asked, shown, failed, paint, type: (next: string) => ((data = next), loop.request()) };
}

describe('ValidationLoop', () => {
  it('asks only after the next paint and shows the answer only after the paint following it', async () => {
    const h = harness();
    h.type('ab');
    expect(h.asked).toHaveLength(0);
    await h.paint();
    expect(h.asked.map((a) => a.data)).toEqual(['ab']);
    h.asked[0]!.answer('ok(ab)');
    await Promise.resolve();
    expect(h.shown).toEqual([]);
    await h.paint();
    expect(h.shown).toEqual(['ok(ab)']);
  });

  it('coalesces the changes made before the request leaves and while one is in flight', async () => {
    const h = harness();
    h.type('a');
    h.type('ab');
    h.type('abc');
    await h.paint();
    expect(h.asked.map((a) => a.data)).toEqual(['abc']);
    h.type('abcd');
    h.type('abcde');
    await h.paint();
    expect(h.asked).toHaveLength(1);
    // The answer about "abc" is out of date: dropped, and the latest data is asked for at once.
    h.asked[0]!.answer('ok(abc)');
    await h.paint();
    expect(h.shown).toEqual([]);
    expect(h.asked.map((a) => a.data)).toEqual(['abc', 'abcde']);
    h.asked[1]!.answer('ok(abcde)');
    await h.paint();
    await h.paint();
    expect(h.shown).toEqual(['ok(abcde)']);
  });

  it('drops an answer when a change comes between its arrival and the paint that would show it', async () => {
    const h = harness();
    h.type('x');
    await h.paint();
    h.asked[0]!.answer('ok(x)');
    await Promise.resolve();
    await Promise.resolve();
    h.type('xy');
    await h.paint();
    expect(h.shown).toEqual([]);
    expect(h.asked.map((a) => a.data)).toEqual(['x', 'xy']);
    h.asked[1]!.answer('ok(xy)');
    await h.paint();
    await h.paint();
    expect(h.shown).toEqual(['ok(xy)']);
  });

  it('shows a failure of the latest request, and nothing after dispose', async () => {
    const h = harness();
    h.type('bad');
    await h.paint();
    h.asked[0]!.refuse(new Error('engine failed'));
    await h.paint();
    await h.paint();
    expect(h.failed).toHaveLength(1);
    h.type('again');
    await h.paint();
    h.loop.dispose();
    h.asked[1]!.answer('ok(again)');
    await h.paint();
    await h.paint();
    expect(h.shown).toEqual([]);
  });
});
