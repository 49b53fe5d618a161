import MapIcon from '@mui/icons-material/Map';
import { Button, useRecordContext } from 'react-admin';
import { Link } from 'react-router-dom';

/** "Show on map": the map page with the record selected (and its centroid in view when known). */
export function mapLink(layer: string, id: string | number, centroid?: { coordinates?: number[] } | null): string {
  const p = new URLSearchParams({ sel: `${layer}:${id}` });
  const c = centroid?.coordinates;
  if (c && c.length >= 2) {
    p.set('lat', String(c[1]));
    p.set('lng', String(c[0]));
    p.set('z', '15');
  }
  return `/map?${p.toString()}`;
}

export function MapLinkButton({ layer, idSource = 'id' }: { layer: string; idSource?: string; label?: string }) {
  const record = useRecordContext();
  if (!record || !record[idSource]) return null;
  return (
    <Button
      component={Link}
      to={mapLink(layer, record[idSource], record.centroid)}
      label="wz.fields.on_map"
      onClick={(e: any) => e.stopPropagation()}
      data-testid="map-link"
    >
      <MapIcon />
    </Button>
  );
}
