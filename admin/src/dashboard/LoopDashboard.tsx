import { Grid } from '@mui/material';
import { RectificationCards } from '../rectification';
import { CoverageTrend } from '../trends/TrendChart';
import { WorkOrderCards } from '../work-orders';

/** The dashboard's cards of issue #16: coverage over time, rectification, work orders. */
export function LoopDashboard() {
  return (
    <>
      <Grid size={{ xs: 12, md: 6 }}><CoverageTrend /></Grid>
      <Grid size={{ xs: 12, md: 6 }}><RectificationCards /></Grid>
      <Grid size={{ xs: 12, md: 6 }}><WorkOrderCards /></Grid>
    </>
  );
}
