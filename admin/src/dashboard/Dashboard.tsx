import { Box, Card, CardContent, CardHeader, Chip, Grid, Link as MuiLink, Stack, Typography } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { Title, useLocale, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { useWzDataProvider } from '../data/useWzDataProvider';
import { mapLink } from '../common/MapLinkButton';
import { SEVERITY_COLOURS } from '../common/enums';
import { useCoverageRules, useLoadCoverageRules } from '../common/useCoverageRules';
import { formatArea, formatNumber, formatPercent } from '../i18n';
import { LoopDashboard } from './LoopDashboard';

/** The 2020 city report's figures (../shared/DOMAIN.md), beside which the data is shown. */
const REPORT_ROWS: [row: string, field: string, city: number | null][] = [
  ['villages', 'villages', 497],
  ['communities', 'communities', 80],
  ['village_grids', 'villageGrids', 3184],
  ['community_grids', 'communityGrids', 699],
  ['workers', 'workers', 4439],
  ['natural_village_groups', 'naturalVillageGroups', 1299],
  ['industry', 'industryOrganisations', 231],
  ['committees', 'communityCommittees', 8],
  ['grid_branches', 'gridBranches', 47],
  ['grid_groups', 'gridGroups', 257],
  ['households', 'households', null],
  ['population', 'population', null],
];

function useAsync<T>(fn: () => Promise<T>): { data?: T; error?: string } {
  const [state, setState] = useState<{ data?: T; error?: string }>({});
  useEffect(() => {
    let live = true;
    fn().then(
      (data) => live && setState({ data }),
      (e) => live && setState({ error: String(e?.message ?? e) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return state;
}

function Figure({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <Box sx={{ p: 1.5, minWidth: 120 }} data-testid={testId}>
      <Typography variant="h5">{value}</Typography>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
    </Box>
  );
}

export function Dashboard() {
  const translate = useTranslate();
  const locale = useLocale();
  const dataProvider = useWzDataProvider();
  const loadRules = useLoadCoverageRules();
  const rules = useCoverageRules();
  const figures = useAsync(() =>
    loadRules().then((r) => dataProvider.dashboardFigures(r.communityGridMaxHouseholds + 1)),
  );
  const coverage = useAsync(() => dataProvider.coverageByCounty());
  const findings = useAsync(() => dataProvider.worstFindings());
  const t = (k: string) => translate(`wz.dashboard.${k}`);
  const c = figures.data?.counts;
  const n = (v: unknown) => formatNumber(typeof v === 'number' ? v : null, locale);

  return (
    <Box sx={{ p: 2 }} data-testid="dashboard">
      <Title title={t('title')} />
      <Grid container spacing={2}>
        <Grid size={12}>
          <Card>
            <CardHeader title={t('figures')} />
            <CardContent>
              <Stack direction="row" sx={{ flexWrap: 'wrap' }}>
                <Figure label={t('villages')} value={n(c?.villages)} testId="fig-villages" />
                <Figure label={t('communities')} value={n(c?.communities)} />
                <Figure label={t('grids')} value={n(c?.grids)} testId="fig-grids" />
                <Figure label={t('workers')} value={n(c?.workers)} />
                <Figure label={t('party_units')} value={n(c?.partyUnits)} />
                <Figure label={translate('wz.enums.FindingKind.UNSTAFFED_GRID')} value={n(c?.unstaffed)} />
                <Figure
                  label={translate('wz.filters.over_max_households', { max: rules?.communityGridMaxHouseholds ?? '…' })}
                  value={n(c?.overMax)}
                  testId="fig-over-max"
                />
              </Stack>
              {figures.data?.report ? <ReportFigures report={figures.data.report} /> : null}
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card>
            <CardHeader title={t('coverage_by_county')} />
            <CardContent data-testid="coverage-chart">
              {(coverage.data ?? []).map((row) => (
                <Box key={row.id} sx={{ mb: 1 }}>
                  <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
                    <MuiLink component={Link} to={`/counties/${row.id}/show`}>
                      {row.name}
                    </MuiLink>
                    <Typography variant="body2">
                      {row.share === null
                        ? t('unavailable')
                        : `${preciseShare(row.share, locale)} · ${translate('wz.fields.uncovered')} ${formatArea(row.uncovered, locale, translate)}`}
                    </Typography>
                  </Stack>
                  {/* The bar shows the uncovered land, relative to the county with the most: shares of 99.8 % and 100 % look alike, km² do not. */}
                  <Box
                    sx={{ height: 12, bgcolor: '#e8f5e9', borderRadius: 1, overflow: 'hidden' }}
                    title={`${translate('wz.fields.uncovered')} ${formatArea(row.uncovered, locale, translate)}`}
                  >
                    <Box
                      data-testid="uncovered-bar"
                      sx={{
                        height: '100%',
                        width: `${uncoveredWidth(row.uncovered, coverage.data ?? [])}%`,
                        bgcolor: '#c62828',
                      }}
                    />
                  </Box>
                </Box>
              ))}
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card>
            <CardHeader
              title={t('serious_findings')}
              action={
                <MuiLink component={Link} to="/map" sx={{ mr: 2 }}>
                  {t('open_map')}
                </MuiLink>
              }
            />
            <CardContent>
              {findings.data === null ? <Typography variant="body2">{t('unavailable')}</Typography> : null}
              {findings.data && findings.data.length === 0 ? (
                <Typography variant="body2">{t('no_findings')}</Typography>
              ) : null}
              {(findings.data ?? []).map((f) => (
                <Stack key={f.id} direction="row" spacing={1} sx={{ mb: 0.75, alignItems: 'center' }}>
                  <Chip
                    size="small"
                    label={translate(`wz.enums.Severity.${f.severity}`)}
                    sx={{ bgcolor: SEVERITY_COLOURS[f.severity], color: '#fff' }}
                  />
                  <MuiLink
                    component={Link}
                    to={mapLink(f.gridId ? 'grids' : 'villages', f.gridId ?? f.villageId, f.centroid)}
                  >
                    {(locale === 'en' ? f.messageEn : f.messageZh) ?? translate(`wz.enums.FindingKind.${f.kind}`)}
                  </MuiLink>
                </Stack>
              ))}
            </CardContent>
          </Card>
        </Grid>
        <LoopDashboard />
      </Grid>
    </Box>
  );
}

/** cityReport beside the city's report: the figures the system must be able to show. */
function ReportFigures({ report }: { report: Record<string, number> }) {
  const locale = useLocale();
  const translate = useTranslate();
  const t = (k: string) => translate(`wz.dashboard.${k}`);
  return (
    <Box sx={{ mt: 2 }} data-testid="city-report">
      <Typography variant="subtitle1" sx={{ mb: 1 }}>
        {t('report')}
      </Typography>
      <Box
        component="table"
        sx={{
          borderCollapse: 'collapse',
          '& td, & th': { px: 1.5, py: 0.5, borderBottom: '1px solid #eee', textAlign: 'right' },
          '& td:first-of-type, & th:first-of-type': { textAlign: 'left' },
        }}
      >
        <thead>
          <tr>
            <th>{t('report_figure')}</th>
            <th>{t('report_data')}</th>
            <th>{t('report_city')}</th>
          </tr>
        </thead>
        <tbody>
          {REPORT_ROWS.map(([row, field, city]) => (
            <tr key={row} data-testid={`report-${row}`}>
              <td>{t(`report_rows.${row}`)}</td>
              <td>{formatNumber(report[field], locale)}</td>
              <td>{city === null ? '—' : formatNumber(city, locale)}</td>
            </tr>
          ))}
        </tbody>
      </Box>
    </Box>
  );
}

/** A share that never rounds up to 100 % while land is uncovered (0.99989 → "99.99 %"). */
function preciseShare(share: number, locale: string): string {
  if (share < 1 && Math.round(share * 1000) >= 1000) {
    const floored = Math.floor(share * 10000) / 10000;
    return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      style: 'percent',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(floored);
  }
  return formatPercent(share, locale);
}

/** Width (%) of a county's uncovered bar: its uncovered m² relative to the largest; at least a sliver when there is any. */
function uncoveredWidth(uncovered: number | null, rows: { uncovered: number | null }[]): number {
  const max = Math.max(0, ...rows.map((r) => r.uncovered ?? 0));
  if (!uncovered || !max) return 0;
  return Math.max(1, Math.round((uncovered / max) * 1000) / 10);
}
