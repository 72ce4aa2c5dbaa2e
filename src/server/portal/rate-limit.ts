/**
 * Counts bad portal tokens per client address in a sliding window. Past the limit the address is
 * refused (429) until enough old failures leave the window — whatever token it sends then, so a
 * guesser cannot tell a hit from a miss while blocked.
 */
export class BadTokenLimiter {
  private readonly fails = new Map<string, number[]>();
  constructor(
    readonly max = 20,
    readonly windowMs = 60_000,
    private readonly maxClients = 10_000,
  ) {}

  /** Seconds the address must wait, or 0 when it may try. */
  retryAfter(ip: string, now = Date.now()): number {
    const list = this.recent(ip, now);
    if (list.length < this.max) return 0;
    return Math.max(1, Math.ceil((list[list.length - this.max]! + this.windowMs - now) / 1000));
  }

  /** Records one bad token from the address. */
  fail(ip: string, now = Date.now()): void {
    const list = this.recent(ip, now);
    list.push(now);
    if (list.length > this.max) list.splice(0, list.length - this.max);
    this.fails.delete(ip); // re-insert: Map order then tracks the latest failure, oldest first
    this.fails.set(ip, list);
    if (this.fails.size > this.maxClients) this.evict();
  }

  private recent(ip: string, now: number): number[] {
    const list = this.fails.get(ip) ?? [];
    while (list.length && list[0]! <= now - this.windowMs) list.shift();
    return list;
  }

  // Oldest-failing clients go first when too many addresses are tracked (bounded memory).
  private evict(): void {
    for (const ip of this.fails.keys()) {
      if (this.fails.size <= this.maxClients) break;
      this.fails.delete(ip);
    }
  }
}
