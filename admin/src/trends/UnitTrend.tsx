import { useRecordContext } from 'react-admin';
import { CoverageTrend } from './TrendChart';

/** On a village's or community's page: its coverage over time. */
export function UnitTrend(_props: { label?: string }) {
  const r = useRecordContext<{ id: string; name?: string }>();
  if (!r) return null;
  return <CoverageTrend scope={{ villageId: String(r.id) }} title={r.name} />;
}
