import type L from 'leaflet';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Selection } from '../MapContext';
import { setSnapDistance, snapDistance } from './geoman';

/** The drawing tool in use on the map page. */
export type Tool =
  | { kind: 'pick' }
  | { kind: 'draw'; unitId: string }
  | { kind: 'edit'; gridId: string }
  | { kind: 'split'; gridId: string }
  | { kind: 'merge'; ids: string[] };

/** Dialogs opened from the side panel's actions. */
export type DrawDialog =
  | { kind: 'gap-new'; villageId: string; point: [number, number] }
  | { kind: 'gap-extend'; villageId: string; point: [number, number] }
  | { kind: 'delete'; gridId: string; name: string };

/** What the browser tests read: the tool, whether its data is loaded, the last save or error. */
export interface DrawSignal {
  tool?: string | null;
  ready?: boolean;
  state?: 'idle' | 'drawing' | 'shape' | 'saving' | 'saved' | 'error' | 'undone' | 'redone';
  error?: string | null;
  kinks?: number;
  saved?: { op: string; ids: string[]; n: number };
}

declare global {
  interface Window {
    __wzDraw?: DrawSignal;
  }
}

let saves = 0;
export function signal(patch: DrawSignal & { countSave?: boolean }) {
  const { countSave, ...rest } = patch;
  if (countSave && rest.saved) rest.saved = { ...rest.saved, n: ++saves };
  window.__wzDraw = { ...(window.__wzDraw ?? {}), ...rest };
}

/** The unit (village/community) a clicked shape belongs to. */
export function unitOf(s: Selection | null): string | null {
  if (!s) return null;
  if (s.layer === 'villages') return s.id;
  const v = s.feature?.properties?.villageId;
  return v !== undefined && v !== null ? String(v) : null;
}

export function useDrawController() {
  const [tool, setToolState] = useState<Tool | null>(null);
  const [dirty, setDirty] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const [dialog, setDialog] = useState<DrawDialog | null>(null);
  const [snap, setSnap] = useState(snapDistance);
  const toolRef = useRef(tool);
  toolRef.current = tool;

  const setTool = useCallback((t: Tool | null) => {
    setToolState(t);
    setDirty(false);
    signal({ tool: t?.kind ?? null, ready: false, state: t ? 'drawing' : 'idle', error: null, kinks: 0 });
  }, []);

  /** Map clicks while a tool is on go to the tool, not to the selection. Returns true when consumed. */
  const capture = useCallback(
    (s: Selection | null, e: L.LeafletMouseEvent | undefined, current: Selection | null): boolean => {
      const t = toolRef.current;
      const shift = Boolean((e?.originalEvent as MouseEvent | undefined)?.shiftKey);
      if (!t) {
        if (shift && s?.layer === 'grids') {
          const ids = current?.layer === 'grids' && current.id !== s.id ? [current.id, s.id] : [s.id];
          setTool({ kind: 'merge', ids });
          return true;
        }
        return false;
      }
      if (t.kind === 'pick') {
        const unit = unitOf(s);
        if (unit) setTool({ kind: 'draw', unitId: unit });
        return true;
      }
      if (t.kind === 'merge') {
        if (s?.layer === 'grids') {
          const ids = t.ids.includes(s.id) ? t.ids.filter((i) => i !== s.id) : [...t.ids, s.id];
          setToolState({ kind: 'merge', ids });
        }
        return true;
      }
      return true;
    },
    [setTool],
  );

  return useMemo(
    () => ({
      tool,
      setTool,
      dirty,
      setDirty,
      refresh,
      bump: () => setRefresh((n) => n + 1),
      dialog,
      setDialog,
      capture,
      snap,
      setSnap: (px: number) => {
        setSnapDistance(px);
        setSnap(snapDistance());
      },
    }),
    [tool, setTool, dirty, refresh, dialog, capture, snap],
  );
}

export type DrawController = ReturnType<typeof useDrawController>;
