import { authFetch } from '../auth/session';

/** One committed change as the server's feed publishes it (GET /api/changes/stream). */
export interface DataChange {
  version: number;
  operations: string[];
  records: { type: string; id: number | null; operation: string }[];
  villageIds: number[];
  allUnits: boolean;
}

/**
 * Follows the server's change feed (Server-Sent Events, read with fetch so the session's
 * token goes in a header) and calls onChange for every committed change, from any user or
 * server process. Reconnects after a drop, resuming from the last version seen.
 * Returns the function that stops it.
 */
export function followChanges(onChange: (c: DataChange) => void): () => void {
  const controller = new AbortController();
  let last: number | null = null;
  const run = async () => {
    while (!controller.signal.aborted) {
      try {
        const res = await authFetch(`/api/changes/stream${last !== null ? `?since=${last}` : ''}`, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
        if (!res.ok || !res.body) throw new Error(`change feed: HTTP ${res.status}`);
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let i: number;
          while ((i = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const data = /^data: (.*)$/m.exec(block)?.[1];
            const version = /^: version (\d+)$/m.exec(block)?.[1];
            if (version && last === null) last = Number(version);
            if (!data) continue;
            const change = JSON.parse(data) as DataChange;
            last = change.version;
            onChange(change);
          }
        }
      } catch (e) {
        if ((e as Error).name === 'AbortError') return;
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  };
  void run();
  return () => controller.abort();
}
