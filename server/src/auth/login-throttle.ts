/**
 * In-memory counters for sign-in attempts that have no account row to count on:
 * per client address (every attempt, whatever the username) and per unknown
 * username (so an unknown name locks exactly like a real one and the answers do
 * not tell which names exist). Counted BEFORE the password is checked; a success
 * gives its attempt back. Bounded: the oldest entries go first.
 */
export class AttemptCounter {
  private readonly entries = new Map<string, { count: number; since: number; lockedUntil: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly capacity = 50_000,
  ) {}

  /** Counts one attempt; returns the time the key is locked until, or null when the attempt may go on. */
  take(key: string, now = Date.now()): Date | null {
    let e = this.entries.get(key);
    if (e && e.lockedUntil > now) return new Date(e.lockedUntil);
    if (!e || now - e.since > this.windowMs || (e.lockedUntil && e.lockedUntil <= now)) {
      e = { count: 0, since: now, lockedUntil: 0 };
    }
    this.entries.delete(key);
    e.count++;
    if (e.count > this.max) e.lockedUntil = now + this.windowMs;
    this.entries.set(key, e);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return e.lockedUntil > now ? new Date(e.lockedUntil) : null;
  }

  /** After a failed attempt: is the key now locked (the attempt that reached the limit locks it)? */
  failed(key: string, now = Date.now()): Date | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.count >= this.max && !e.lockedUntil) e.lockedUntil = now + this.windowMs;
    return e.lockedUntil > now ? new Date(e.lockedUntil) : null;
  }

  /** A successful attempt does not count. */
  succeeded(key: string): void {
    const e = this.entries.get(key);
    if (e && !e.lockedUntil) e.count = Math.max(0, e.count - 1);
  }
}
