import type { LayerName, LoadedLayer } from '../mapData';
import { LocateMe } from './LocateMe';

/** What the phone layout adds to the map: "where am I" (the rest is CSS in styles.css, `.wz-phone`). */
export function PhoneMapUi(_props: { layers: Partial<Record<LayerName, LoadedLayer>> }) {
  return <LocateMe />;
}
