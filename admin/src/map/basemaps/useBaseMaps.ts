import { useEffect, useMemo, useState } from 'react';
import { useWzDataProvider } from '../../data/useWzDataProvider';
import {
  availableBaseMaps,
  initialBaseMapId,
  OFFLINE_ID,
  readOpacity,
  saveChoice,
  saveOpacity,
  type MapSettings,
  type ResolvedBaseMap,
} from './basemaps';

/** The map page's base map state: what is offered, what is chosen, the grid layer's opacity, tile errors. */
export function useBaseMaps() {
  const dataProvider = useWzDataProvider();
  const [settings, setSettings] = useState<MapSettings | null | undefined>(undefined);
  const [chosen, setChosen] = useState<string | null>(null);
  const [opacity, setOpacityState] = useState(() => readOpacity());
  const [error, setError] = useState<{ id: string } | null>(null);
  useEffect(() => {
    let live = true;
    // An older server or no rights: null, and the fallback URL and offline remain.
    dataProvider.mapSettings().then(
      (s) => live && setSettings(s),
      () => live && setSettings(null),
    );
    return () => {
      live = false;
    };
  }, [dataProvider]);
  const offered = useMemo(() => (settings === undefined ? [] : availableBaseMaps(settings)), [settings]);
  const id = chosen ?? (settings === undefined ? null : initialBaseMapId(settings, offered));
  const current: ResolvedBaseMap | null = offered.find((b) => b.id === id) ?? null;
  return {
    /** undefined while the settings load (the map waits, so it is not built twice). */
    ready: settings !== undefined,
    offered,
    id: id ?? OFFLINE_ID,
    current,
    choose(next: string) {
      saveChoice(next);
      setChosen(next);
      setError(null);
    },
    opacity,
    setOpacity(v: number) {
      saveOpacity(v);
      setOpacityState(v);
    },
    error: error && current && error.id === current.id ? current : null,
    setError,
  };
}
export type BaseMapState = ReturnType<typeof useBaseMaps>;
