import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  MenuItem,
  Stack,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import {
  AutocompleteInput,
  BooleanInput,
  Create,
  Datagrid,
  FunctionField,
  List,
  NullableBooleanInput,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  useGetList,
  useLocale,
  useNotify,
  useRecordContext,
  useRedirect,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { useWzDataProvider } from '../data/useWzDataProvider';
import type { ScoreScale } from '../generated/graphql';
import { getSession } from '../auth/session';
import { countyFilter, searchFilter, townshipFilter } from '../common/filters';
import { formatNumber } from '../i18n';
import { unitResource } from '../resources';

export const WORK_ORDER_STATUSES = ['REPORTED', 'ASSIGNED', 'CLAIMED', 'DONE', 'SCORED', 'CANCELLED'] as const;
const COLOURS: Record<string, 'default' | 'info' | 'warning' | 'primary' | 'success' | 'error'> = {
  REPORTED: 'default',
  ASSIGNED: 'info',
  CLAIMED: 'warning',
  DONE: 'primary',
  SCORED: 'success',
  CANCELLED: 'default',
};

export function WorkOrderStatusChip({ status }: { status?: string }) {
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip size="small" color={COLOURS[status]} label={translate(`wz.wo.status.${status}`)} data-testid="wo-status" />
  );
}

const filters = [
  searchFilter,
  <SelectInput
    key="status"
    source="status"
    alwaysOn
    choices={WORK_ORDER_STATUSES.map((id) => ({ id, name: `wz.wo.status.${id}` }))}
  />,
  countyFilter,
  townshipFilter,
  <ReferenceInput key="memberUnitId" source="memberUnitId" reference="member-units">
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 200 }} />
  </ReferenceInput>,
  <NullableBooleanInput key="overdue" source="overdue" label="wz.wo.overdue" />,
  <NullableBooleanInput key="flagged" source="flagged" label="wz.wo.flagged" />,
  <BooleanInput key="open" source="open" label="wz.wo.open_only" />,
  <BooleanInput key="mine" source="mine" label="wz.wo.mine" />,
];

function Deadline(_props: { label?: string; sortBy?: string }) {
  const translate = useTranslate();
  return (
    <FunctionField
      label="resources.work-orders.fields.deadline"
      sortBy="deadline"
      render={(r: any) => (
        <span style={{ color: r.overdue ? '#c62828' : undefined, fontWeight: r.overdue ? 600 : undefined }}>
          {r.deadline ?? '—'}
          {r.overdue ? ` · ${translate('wz.rect.days_overdue', { n: r.daysOverdue })}` : ''}
        </span>
      )}
    />
  );
}

export const WorkOrderList = () => (
  <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false}>
    <Datagrid rowClick="show" bulkActionButtons={false} data-testid="wo-list">
      <TextField source="code" />
      <TextField source="title" />
      <TextField source="category" emptyText="—" />
      <FunctionField source="status" render={(r: any) => <WorkOrderStatusChip status={r.status} />} />
      <TextField source="villageName" sortBy="villageId" emptyText="—" />
      <TextField source="gridName" sortBy="gridId" emptyText="—" />
      <TextField source="memberUnitName" sortBy="memberUnitId" emptyText="—" />
      <Deadline label="resources.work-orders.fields.deadline" />
      <FunctionField source="flagged" render={(r: any) => (r.flagged ? <Flags flags={r.flags} /> : '')} />
      <NumberField source="score100" emptyText="—" />
    </Datagrid>
  </List>
);
function Flags({ flags }: { flags?: string[] }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color="error"
      variant="outlined"
      label={(flags ?? []).map((f) => translate(`wz.wo.flag.${f}`, { _: f })).join('、')}
    />
  );
}

/** The transitions the signed-in user may try (the server decides); each reloads the record. */
function WorkOrderActions() {
  const r = useRecordContext<any>();
  const dataProvider = useWzDataProvider();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const role = getSession()?.user.role;
  const { data: units } = useGetList(
    'member-units',
    {
      pagination: { page: 1, perPage: 200 },
      sort: { field: 'name', order: 'ASC' },
      filter: { villageId: r?.villageId ?? '0' },
    },
    { enabled: Boolean(r?.villageId) },
  );
  const [unit, setUnit] = useState('');
  const [deadline, setDeadline] = useState('');
  const [result, setResult] = useState('');
  const [scale, setScale] = useState('FIVE');
  const [score, setScore] = useState('5');
  const [comment, setComment] = useState('');
  useEffect(() => setUnit(r?.memberUnitId ?? ''), [r?.id, r?.memberUnitId]);
  if (!r || role === 'ANALYST') return null;
  const run = async (transition: () => Promise<void>, done: string) => {
    try {
      await transition();
      notify(done, { type: 'info' });
      refresh();
    } catch (e: any) {
      notify(e.message, { type: 'error' });
    }
  };
  return (
    <Stack spacing={2} sx={{ my: 1, maxWidth: 720 }} data-testid="wo-actions">
      {['REPORTED', 'ASSIGNED'].includes(r.status) ? (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: 'center' }}>
          <MuiTextField
            select
            size="small"
            label={translate('wz.wo.member_unit')}
            value={unit}
            onChange={(e) => setUnit(e.target.value)}
            sx={{ minWidth: 240 }}
            slotProps={{ htmlInput: { 'data-testid': 'wo-unit' } }}
          >
            {(units ?? []).map((u: any) => (
              <MenuItem key={u.id} value={u.id}>
                {u.name}
              </MenuItem>
            ))}
          </MuiTextField>
          <MuiTextField
            size="small"
            type="date"
            label={translate('wz.wo.deadline')}
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'wo-deadline' } }}
          />
          <Button
            variant="contained"
            data-testid="wo-assign"
            disabled={!unit}
            onClick={() => run(() => dataProvider.assignWorkOrder(r.id, unit, deadline || null), 'wz.wo.assigned_done')}
          >
            {translate('wz.wo.assign')}
          </Button>
        </Stack>
      ) : null}
      {r.status === 'ASSIGNED' ? (
        <Box>
          <Button
            variant="contained"
            color="warning"
            data-testid="wo-claim"
            onClick={() => run(() => dataProvider.claimWorkOrder(r.id), 'wz.wo.claimed_done')}
          >
            {translate('wz.wo.claim')}
          </Button>
        </Box>
      ) : null}
      {r.status === 'CLAIMED' ? (
        <Stack direction="row" spacing={1}>
          <MuiTextField
            size="small"
            fullWidth
            multiline
            label={translate('wz.wo.result')}
            value={result}
            onChange={(e) => setResult(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'wo-result' } }}
          />
          <Button
            variant="contained"
            data-testid="wo-report"
            disabled={!result.trim()}
            onClick={() => run(() => dataProvider.reportWorkOrder(r.id, result), 'wz.wo.reported_done')}
          >
            {translate('wz.wo.report')}
          </Button>
        </Stack>
      ) : null}
      {r.status === 'DONE' ? (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: 'center' }}>
          <MuiTextField
            select
            size="small"
            label={translate('wz.wo.scale')}
            value={scale}
            onChange={(e) => setScale(e.target.value)}
            sx={{ minWidth: 120 }}
          >
            <MenuItem value="FIVE">{translate('wz.wo.scale_five')}</MenuItem>
            <MenuItem value="HUNDRED">{translate('wz.wo.scale_hundred')}</MenuItem>
          </MuiTextField>
          <MuiTextField
            size="small"
            type="number"
            label={translate('wz.wo.score')}
            value={score}
            onChange={(e) => setScore(e.target.value)}
            sx={{ width: 100 }}
            slotProps={{ htmlInput: { 'data-testid': 'wo-score' } }}
          />
          <MuiTextField
            size="small"
            label={translate('wz.wo.score_comment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'wo-score-comment' } }}
          />
          <Button
            variant="contained"
            color="success"
            data-testid="wo-score-send"
            onClick={() =>
              run(
                () => dataProvider.scoreWorkOrder(r.id, Number(score), scale as ScoreScale, comment || null),
                'wz.wo.scored_done',
              )
            }
          >
            {translate('wz.wo.score_action')}
          </Button>
        </Stack>
      ) : null}
    </Stack>
  );
}

function Timeline(_props: { label?: string }) {
  const r = useRecordContext<any>();
  const translate = useTranslate();
  const locale = useLocale();
  if (!r) return null;
  const fmt = (d: string | null) =>
    d ? new Date(d).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai' }) : '—';
  const steps: [string, string | null][] = [
    ['REPORTED', r.createdAt],
    ['ASSIGNED', r.assignedAt],
    ['CLAIMED', r.claimedAt],
    ['DONE', r.doneAt],
    ['SCORED', r.scoredAt],
  ];
  return (
    <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap' }} data-testid="wo-timeline">
      {steps.map(([s, at]) => (
        <Box key={s} sx={{ opacity: at ? 1 : 0.4 }}>
          <Typography variant="caption" sx={{ display: 'block' }}>
            {translate(`wz.wo.status.${s}`)}
          </Typography>
          <Typography variant="body2">{fmt(at)}</Typography>
        </Box>
      ))}
    </Stack>
  );
}

export const WorkOrderShow = () => (
  <Show>
    <SimpleShowLayout>
      <Timeline label="wz.wo.timeline" />
      <TextField source="code" />
      <TextField source="title" />
      <TextField source="description" emptyText="—" />
      <TextField source="category" emptyText="—" />
      <TextField source="address" emptyText="—" />
      <FunctionField source="status" render={(r: any) => <WorkOrderStatusChip status={r.status} />} />
      <FunctionField source="channel" render={(r: any) => <WzEnum prefix="wz.wo.channel" value={r.channel} />} />
      <FunctionField
        source="routing"
        render={(r: any) => (
          <span data-testid="wo-routing">
            <WzEnum prefix="wz.wo.routing" value={r.routing} />
            {r.flags?.length ? (
              <>
                {' '}
                · <Flags flags={r.flags} />
              </>
            ) : null}
          </span>
        )}
      />
      <ReferenceField
        source="villageId"
        reference="villages"
        link={(v) => `/${unitResource(v.kind)}/${v.id}/show`}
        emptyText="—"
      />
      <ReferenceField source="gridId" reference="grids" link="show" emptyText="—" />
      <ReferenceField source="workerId" reference="grid-workers" link="show" emptyText="—" />
      <ReferenceField source="memberUnitId" reference="member-units" link="show" emptyText="—" />
      <Deadline label="resources.work-orders.fields.deadline" />
      <TextField source="result" emptyText="—" />
      <FunctionField
        source="score"
        render={(r: any) =>
          r.score === null || r.score === undefined ? '—' : `${r.score}${r.scoreScale === 'FIVE' ? ' / 5' : ' / 100'}`
        }
      />
      <TextField source="scoreComment" emptyText="—" />
      <WorkOrderActions />
    </SimpleShowLayout>
  </Show>
);

function WzEnum({ prefix, value }: { prefix: string; value?: string }) {
  const translate = useTranslate();
  return <>{value ? translate(`${prefix}.${value}`, { _: value }) : '—'}</>;
}

/** Staff report a problem: a point (lng, lat) routed by grid, or a village/community. */
export const WorkOrderCreate = () => {
  const redirect = useRedirect();
  return (
    <Create
      transform={(d: any) => ({
        ...d,
        point:
          d.lng !== undefined && d.lat !== undefined && d.lng !== null && d.lat !== null
            ? [Number(d.lng), Number(d.lat)]
            : null,
        lng: undefined,
        lat: undefined,
      })}
      mutationOptions={{ onSuccess: (r: any) => redirect('show', 'work-orders', r.id) }}
    >
      <SimpleForm>
        <TextInput source="title" validate={required()} fullWidth />
        <TextInput source="description" multiline fullWidth />
        <TextInput source="category" />
        <TextInput source="address" fullWidth />
        <TextInput source="lng" label="wz.wo.lng" />
        <TextInput source="lat" label="wz.wo.lat" />
        <ReferenceInput source="villageId" reference="villages">
          <AutocompleteInput
            optionText="name"
            filterToQuery={(q: string) => ({ q })}
            label="wz.wo.village_if_no_point"
          />
        </ReferenceInput>
        <TextInput source="reporterName" />
        <TextInput source="reporterPhone" />
      </SimpleForm>
    </Create>
  );
};

/** 网格员上报: a phone-sized page; the point from the phone's location or typed, routed before sending. */
export function ReportPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useWzDataProvider();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [lng, setLng] = useState('');
  const [lat, setLat] = useState('');
  const [route, setRoute] = useState<any>(null);
  const [sent, setSent] = useState<any>(null);
  const locate = () =>
    navigator.geolocation?.getCurrentPosition(
      (p) => {
        setLng(String(p.coords.longitude));
        setLat(String(p.coords.latitude));
      },
      () => notify('wz.wo.no_location', { type: 'warning' }),
    );
  useEffect(() => {
    const x = Number(lng);
    const y = Number(lat);
    if (!lng || !lat || !Number.isFinite(x) || !Number.isFinite(y)) return setRoute(null);
    dataProvider.routeWorkOrder(x, y).then(setRoute, (e) => setRoute({ error: e.message }));
  }, [lng, lat, dataProvider]);
  const send = async () => {
    try {
      setSent(await dataProvider.reportFromField(title, description || null, [Number(lng), Number(lat)]));
    } catch (e: any) {
      notify(e.message, { type: 'error' });
    }
  };
  return (
    <Box sx={{ p: 2, maxWidth: 480, mx: 'auto' }} data-testid="report-page">
      <Typography variant="h6" sx={{ mb: 1 }}>
        {translate('wz.wo.report_title')}
      </Typography>
      {sent ? (
        <Stack spacing={1}>
          <Typography data-testid="report-sent">{translate('wz.wo.report_sent', { code: sent.code })}</Typography>
          <Button component={Link} to={`/work-orders/${sent.id}/show`} variant="outlined">
            {translate('wz.wo.open_order')}
          </Button>
          <Button
            onClick={() => {
              setSent(null);
              setTitle('');
              setDescription('');
            }}
          >
            {translate('wz.wo.report_another')}
          </Button>
        </Stack>
      ) : (
        <Stack spacing={1.5}>
          <MuiTextField
            label={translate('resources.work-orders.fields.title')}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'report-title' } }}
          />
          <MuiTextField
            label={translate('resources.work-orders.fields.description')}
            multiline
            minRows={3}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
          <Stack direction="row" spacing={1}>
            <MuiTextField
              label={translate('wz.wo.lng')}
              value={lng}
              onChange={(e) => setLng(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'report-lng', inputMode: 'decimal' } }}
            />
            <MuiTextField
              label={translate('wz.wo.lat')}
              value={lat}
              onChange={(e) => setLat(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'report-lat', inputMode: 'decimal' } }}
            />
          </Stack>
          <Button variant="outlined" onClick={locate}>
            {translate('wz.wo.use_location')}
          </Button>
          {route ? (
            <Typography variant="body2" data-testid="report-route" color={route.error ? 'error' : undefined}>
              {route.error ??
                translate('wz.wo.route_preview', {
                  village: route.villageName,
                  grid: route.gridName ?? '—',
                  worker: route.workerName ?? '—',
                  routing: translate(`wz.wo.routing.${route.routing}`),
                })}
            </Typography>
          ) : null}
          <Button
            variant="contained"
            size="large"
            disabled={!title.trim() || !route || route.error}
            onClick={send}
            data-testid="report-send"
          >
            {translate('wz.wo.send')}
          </Button>
        </Stack>
      )}
    </Box>
  );
}

/** Dashboard: work orders and pairings beside the report (Tongxin 5 committees, 106 units, 99 claimed; 633 pairings, 80 communities, 8,000+). */
export function WorkOrderCards() {
  const translate = useTranslate();
  const dataProvider = useWzDataProvider();
  const locale = useLocale();
  const [d, setD] = useState<any>(null);
  useEffect(() => {
    dataProvider.workOrderReport().then(setD, () => setD({}));
  }, [dataProvider]);
  const rows: [string, string, string][] = [
    ['joint_committees', 'jointCommittees', '5'],
    ['committee_member_units', 'committeeMemberUnits', '106'],
    ['work_orders_claimed', 'workOrdersClaimed', '99'],
    ['pairings', 'pairings', '633'],
    ['paired_communities', 'pairedCommunities', '80'],
    ['reported_party_members', 'reportedPartyMembers', '8,000+'],
    ['work_orders', 'workOrders', '—'],
    ['work_orders_done', 'workOrdersDone', '—'],
    ['work_orders_scored', 'workOrdersScored', '—'],
    ['average_score', 'workOrderAverageScore', '—'],
    ['work_orders_overdue', 'workOrdersOverdue', '—'],
  ];
  return (
    <Card>
      <CardHeader
        title={translate('wz.wo.dashboard_title')}
        action={
          <Button component={Link} to="/work-orders" sx={{ mr: 1 }}>
            {translate('wz.wo.all')}
          </Button>
        }
      />
      <CardContent>
        <Box
          component="table"
          data-testid="wo-figures"
          sx={{
            borderCollapse: 'collapse',
            '& td, & th': { px: 1.5, py: 0.4, borderBottom: '1px solid #eee', textAlign: 'right' },
            '& td:first-of-type, & th:first-of-type': { textAlign: 'left' },
          }}
        >
          <thead>
            <tr>
              <th>{translate('wz.dashboard.report_figure')}</th>
              <th>{translate('wz.dashboard.report_data')}</th>
              <th>{translate('wz.dashboard.report_city')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([k, f, report]) => (
              <tr key={k} data-testid={`wo-${k}`}>
                <td>{translate(`wz.wo.figures.${k}`)}</td>
                <td>{formatNumber(d?.[f] ?? null, locale, 1)}</td>
                <td>{report}</td>
              </tr>
            ))}
          </tbody>
        </Box>
        <Typography variant="caption" color="text.secondary">
          {translate('wz.wo.generated_note')}
        </Typography>
      </CardContent>
    </Card>
  );
}

export default { list: WorkOrderList, show: WorkOrderShow, create: WorkOrderCreate, recordRepresentation: 'code' };
