import type { EntityManager } from '@mikro-orm/postgresql';

/** What a write changed, for modules that keep derived data current (coverage). */
export interface Change {
  type: string;
  ids: number[];
  /** Village-level units whose grids, workers or party units changed. */
  villageIds: number[];
}

export type WriteHook = (em: EntityManager, change: Change) => Promise<void>;

/** Hooks run inside the writing transaction, after flush and before commit. */
export class WriteHooks {
  private readonly hooks: WriteHook[] = [];

  add(hook: WriteHook): void {
    this.hooks.push(hook);
  }

  async run(em: EntityManager, change: Change): Promise<void> {
    for (const hook of this.hooks) await hook(em, change);
  }
}
