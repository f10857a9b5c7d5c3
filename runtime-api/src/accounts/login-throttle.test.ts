import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

describe('LoginThrottle', () => {
  it('blocks a username after perUser failures within the window, then lets it try again', () => {
    let now = 1_000_000;
    const t = new LoginThrottle({ perUser: 3, perIp: 100, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 3; i += 1) {
      expect(t.retryAfter('li', `ip${i}`)).toBe(0);
      t.fail('li', `ip${i}`);
    }
    expect(t.retryAfter('li', 'elsewhere')).toBe(60);
    expect(t.retryAfter('han', 'elsewhere')).toBe(0);
    now += 30_000;
    expect(t.retryAfter('li', 'x')).toBe(30);
    now += 30_001;
    expect(t.retryAfter('li', 'x')).toBe(0);
  });

  it('blocks an address guessing across usernames, and success clears only the username', () => {
    const now = 5_000;
    const t = new LoginThrottle({ perUser: 2, perIp: 4, windowMs: 10_000 }, () => now);
    for (let i = 0; i < 4; i += 1) t.fail(`user${i}`, '10.0.0.9');
    expect(t.retryAfter('fresh', '10.0.0.9')).toBe(10);
    expect(t.retryAfter('fresh', '10.0.0.8')).toBe(0);
    t.fail('li', 'a');
    t.fail('li', 'b');
    expect(t.retryAfter('li', 'c')).toBe(10);
    t.succeed('li');
    expect(t.retryAfter('li', 'c')).toBe(0);
  });
});
