import { Grid } from '@mui/material';
import { useEffect, useState } from 'react';
import { RectificationCards } from '../rectification';
import { CoverageTrend } from '../trends/TrendChart';
import { WorkOrderCards } from '../work-orders';

/**
 * The dashboard's cards of issue #16: coverage over time, rectification, work orders.
 * They sit below the fold and load a moment after the headline figures, which keep the first requests.
 */
export function LoopDashboard() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setReady(true), 1200);
    return () => clearTimeout(t);
  }, []);
  if (!ready) return null;
  return (
    <>
      <Grid size={{ xs: 12, md: 6 }}>
        <CoverageTrend />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <RectificationCards />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <WorkOrderCards />
      </Grid>
    </>
  );
}
