/**
 * Failed sign-ins counted in memory per key ("ip:…", "user:…") over a sliding window. Unknown usernames are
 * counted like known ones, so the lockout does not reveal which accounts exist. The database lockout
 * (accounts.locked_until) adds persistence for real accounts; this one also covers unknown names and
 * address-wide guessing. Per process: behind several processes the limit multiplies by their number.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: { perUser: number; perIp: number; windowMs: number },
    private readonly clock: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.clock() - this.limits.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Seconds to wait before another attempt for this username/address, or 0. */
  retryAfter(username: string, ip: string): number {
    let wait = 0;
    for (const [key, max] of [[`user:${username}`, this.limits.perUser], [`ip:${ip}`, this.limits.perIp]] as const) {
      const times = this.recent(key);
      if (times.length >= max) {
        const oldest = times[times.length - max]!;
        wait = Math.max(wait, Math.ceil((oldest + this.limits.windowMs - this.clock()) / 1000));
      }
    }
    return wait;
  }

  fail(username: string, ip: string): void {
    const now = this.clock();
    for (const key of [`user:${username}`, `ip:${ip}`]) this.failures.set(key, [...this.recent(key), now]);
    // Bound memory under a flood of distinct names: forget the oldest keys.
    if (this.failures.size > 50_000) {
      for (const key of [...this.failures.keys()].slice(0, 10_000)) this.failures.delete(key);
    }
  }

  /** A successful sign-in clears the username's failures (not the address's). */
  succeed(username: string): void {
    this.failures.delete(`user:${username}`);
  }
}
