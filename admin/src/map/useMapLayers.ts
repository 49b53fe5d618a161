import { useCallback, useEffect, useState } from 'react';
import { LAYER_NAMES, loadLayer, type LayerName, type LoadedLayer, type MapCollection } from './mapData';
import { followChanges, type DataChange } from './changeFeed';
import { isTileLayer } from './mapProvider';
import type { Bbox } from './CoverageMap';

const EMPTY: MapCollection = { type: 'FeatureCollection', features: [] };
const tiled = (name: LayerName): LoadedLayer => ({ name, source: 'tiles', data: EMPTY });
/** Whole layers loaded only once wanted (shown or selected): not part of the default view. */
const ON_DEMAND: readonly LayerName[] = ['townships'];
const deferred = (name: LayerName): LoadedLayer => ({ name, source: 'deferred', data: null });

/**
 * The map's GeoJSON layers. Counties and townships are loaded whole (a few hundred shapes even for
 * a province). Villages, grids, gaps and overlaps come as vector tiles; their GeoJSON is loaded
 * only for the detail area the map asks for (setDetailArea: the view at detail zooms, or the
 * selected unit and its neighbours), where they are edited, snapped to and traced.
 * Townships (not shown by default) are loaded once `wanted` names them (shown, or a township selected).
 * reload(names) fetches some again (after an edit).
 */
export function useMapLayers(wanted: readonly LayerName[] = LAYER_NAMES) {
  const [layers, setLayers] = useState<Partial<Record<LayerName, LoadedLayer>>>(() => ({
    ...Object.fromEntries(LAYER_NAMES.filter(isTileLayer).map((n) => [n, tiled(n)])),
    ...Object.fromEntries(ON_DEMAND.filter((n) => !wanted.includes(n)).map((n) => [n, deferred(n)])),
  }));
  const [generation, setGeneration] = useState<Record<LayerName, number>>(
    () => Object.fromEntries(LAYER_NAMES.map((n) => [n, 0])) as Record<LayerName, number>,
  );
  const [detail, setDetail] = useState<Bbox | null>(null);
  const [change, setChange] = useState<DataChange | null>(null);

  // Layers being fetched (the page shows a loading sign while a reload after a save runs).
  const [pending, setPending] = useState(0);
  const load = (names: LayerName[], bbox: Bbox | undefined, signal: AbortSignal) => {
    for (const name of names) {
      setPending((n) => n + 1);
      loadLayer(name, signal, bbox)
        .then((l) => setLayers((prev) => ({ ...prev, [name]: l })))
        .catch((e) => {
          if ((e as Error).name !== 'AbortError')
            setLayers((prev) => ({ ...prev, [name]: { name, source: 'missing', data: null, error: String(e) } }));
        })
        .finally(() => setPending((n) => n - 1));
    }
  };
  const whole = LAYER_NAMES.filter((n) => !isTileLayer(n) && !ON_DEMAND.includes(n));
  const detailed = LAYER_NAMES.filter(isTileLayer);
  useEffect(() => {
    const controller = new AbortController();
    load(whole, undefined, controller.signal);
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [whole.map((n) => generation[n]).join(',')]);
  // Once wanted, an on-demand layer stays loaded (and is reloaded like the others).
  const [demanded, setDemanded] = useState<LayerName[]>(() => ON_DEMAND.filter((n) => wanted.includes(n)));
  const newlyWanted = ON_DEMAND.filter((n) => wanted.includes(n) && !demanded.includes(n));
  useEffect(() => {
    if (newlyWanted.length) setDemanded((d) => [...d, ...newlyWanted]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [newlyWanted.join(',')]);
  useEffect(() => {
    if (!demanded.length) return;
    const controller = new AbortController();
    load(demanded, undefined, controller.signal);
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [demanded.join(','), demanded.map((n) => generation[n]).join(',')]);
  useEffect(() => {
    if (!detail) {
      setLayers((prev) => ({ ...prev, ...Object.fromEntries(detailed.map((n) => [n, tiled(n)])) }));
      return;
    }
    const controller = new AbortController();
    load(detailed, detail, controller.signal);
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [detailed.map((n) => generation[n]).join(','), detail?.join(',')]);

  const reload = useCallback((names: LayerName[] = [...LAYER_NAMES]) => {
    setGeneration((g) => {
      const next = { ...g };
      for (const n of names) next[n]++;
      return next;
    });
  }, []);

  // Another user's committed change (from any server process) reloads the layers within a second;
  // the map fetches again the tiles of the units it touched (`change`).
  // The touched unit's tiles and the detail GeoJSON go first; the counties' and townships' shares
  // (whole layers, the heavier queries) a moment later, so they do not queue before them.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let later: ReturnType<typeof setTimeout> | undefined;
    const stop = followChanges((c) => {
      setChange(c);
      clearTimeout(timer);
      clearTimeout(later);
      timer = setTimeout(() => reload(LAYER_NAMES.filter(isTileLayer)), 30); // one reload for a burst of changes
      later = setTimeout(() => reload(LAYER_NAMES.filter((n) => !isTileLayer(n))), 600);
    });
    return () => {
      clearTimeout(timer);
      clearTimeout(later);
      stop();
    };
  }, [reload]);

  const setDetailArea = useCallback((bbox: Bbox | null) => setDetail(bbox), []);
  return { layers, reload, reloading: pending > 0, setDetailArea, change };
}
