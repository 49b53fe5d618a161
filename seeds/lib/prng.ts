/** A small deterministic PRNG (mulberry32) and the draws the seed needs. Same seed → same sequence. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A new independent stream derived from this seed and a label (so adding draws to one stage leaves the others alone). */
  static of(seed: number, label: string): Rng {
    let h = 2166136261 ^ (seed >>> 0);
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
    return new Rng(h >>> 0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  }

  /** k distinct items, in the input's order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const chosen = new Set(this.shuffle(items.map((_, i) => i)).slice(0, k));
    return items.filter((_, i) => chosen.has(i));
  }
}

/**
 * Splits `total` into integers proportional to `weights` (largest remainder),
 * each at least `min` and at most `max[i]` when given. Deterministic: ties go to the lower index.
 */
export function allocate(total: number, weights: readonly number[], min = 0, max?: readonly number[]): number[] {
  const n = weights.length;
  const out = new Array<number>(n).fill(min);
  let left = total - min * n;
  if (left < 0) throw new Error(`cannot allocate ${total} over ${n} items with at least ${min} each`);
  const cap = (i: number) => (max ? max[i]! : Infinity);
  // Repeat: proportional share of what is left among items still under their cap.
  while (left > 0) {
    const open = [...Array(n).keys()].filter((i) => out[i]! < cap(i));
    if (!open.length) throw new Error(`cannot allocate ${total}: every item is at its cap`);
    const sum = open.reduce((s, i) => s + weights[i]!, 0) || open.length;
    const exact = open.map((i) => ({ i, x: (left * (weights[i]! || (sum === open.length ? 1 : 0))) / sum }));
    let given = 0;
    for (const e of exact) {
      const add = Math.min(Math.floor(e.x), cap(e.i) - out[e.i]!);
      out[e.i]! += add;
      given += add;
    }
    left -= given;
    if (left === 0) break;
    const order = exact
      .filter((e) => out[e.i]! < cap(e.i))
      .sort((a, b) => b.x - Math.floor(b.x) - (a.x - Math.floor(a.x)) || a.i - b.i);
    for (const e of order) {
      if (left === 0) break;
      out[e.i]! += 1;
      left -= 1;
    }
  }
  return out;
}
