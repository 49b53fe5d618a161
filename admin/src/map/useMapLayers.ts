import { useCallback, useEffect, useState } from 'react';
import { LAYER_NAMES, loadLayer, type LayerName, type LoadedLayer } from './mapData';
import { followChanges } from './changeFeed';

/** Every layer of the map, loaded in parallel; reload(names) fetches some again (after an edit). */
export function useMapLayers() {
  const [layers, setLayers] = useState<Partial<Record<LayerName, LoadedLayer>>>({});
  const [generation, setGeneration] = useState<Record<LayerName, number>>(
    () => Object.fromEntries(LAYER_NAMES.map((n) => [n, 0])) as Record<LayerName, number>,
  );

  // Layers being fetched (the page shows a loading sign while a reload after a save runs).
  const [pending, setPending] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    for (const name of LAYER_NAMES) {
      setPending((n) => n + 1);
      loadLayer(name, controller.signal)
        .then((l) => setLayers((prev) => ({ ...prev, [name]: l })))
        .catch((e) => {
          if ((e as Error).name !== 'AbortError') setLayers((prev) => ({ ...prev, [name]: { name, source: 'missing', data: null, error: String(e) } }));
        })
        .finally(() => setPending((n) => n - 1));
    }
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(generation)]);

  const reload = useCallback((names: LayerName[] = [...LAYER_NAMES]) => {
    setGeneration((g) => {
      const next = { ...g };
      for (const n of names) next[n]++;
      return next;
    });
  }, []);

  // Another user's committed change (from any server process) reloads the layers within a second.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = followChanges(() => {
      clearTimeout(timer);
      timer = setTimeout(() => reload([...LAYER_NAMES]), 30); // one reload for a burst of changes
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [reload]);

  return { layers, reload, reloading: pending > 0 };
}
