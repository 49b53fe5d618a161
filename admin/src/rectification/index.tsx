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
  BooleanInput,
  Datagrid,
  DateField,
  FunctionField,
  List,
  NullableBooleanInput,
  ReferenceField,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  useGetList,
  useLocale,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { useWzDataProvider } from '../data/useWzDataProvider';
import { getSession } from '../auth/session';
import { EnumField, SeverityField } from '../common/enums';
import { countyFilter, enumFilter, searchFilter, townshipFilter } from '../common/filters';
import { formatNumber } from '../i18n';
import { unitResource } from '../resources';

export const RECTIFICATION_STATUSES = ['OPEN', 'WAIVED', 'CLOSED'] as const;
const STATUS_COLOURS: Record<string, 'warning' | 'default' | 'success'> = {
  OPEN: 'warning',
  WAIVED: 'default',
  CLOSED: 'success',
};

const filters = [
  searchFilter,
  <SelectInput
    key="status"
    source="status"
    alwaysOn
    choices={RECTIFICATION_STATUSES.map((id) => ({ id, name: `wz.rect.status.${id}` }))}
  />,
  enumFilter('severity', 'Severity', true),
  enumFilter('kind', 'FindingKind'),
  countyFilter,
  townshipFilter,
  <NullableBooleanInput key="overdue" source="overdue" label="wz.rect.overdue" />,
  <NullableBooleanInput key="assigned" source="assigned" label="wz.rect.assigned" />,
  <BooleanInput key="mine" source="mine" label="wz.rect.mine" alwaysOn />,
];

export function StatusChip({ status }: { status?: string }) {
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip
      size="small"
      color={STATUS_COLOURS[status] ?? 'default'}
      label={translate(`wz.rect.status.${status}`)}
      data-testid="rect-status"
    />
  );
}

function DeadlineField(_props: { label?: string; sortBy?: string }) {
  const translate = useTranslate();
  return (
    <FunctionField
      label="resources.rectifications.fields.deadline"
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

export const RectificationList = () => {
  const editor = getSession()?.user.role === 'EDITOR';
  return (
    <List
      filters={filters}
      filterDefaultValues={editor ? { mine: true, status: 'OPEN' } : { status: 'OPEN' }}
      sort={{ field: 'severity', order: 'ASC' }}
      exporter={false}
    >
      <Datagrid rowClick="show" bulkActionButtons={false} data-testid="rect-list">
        <SeverityField source="severity" />
        <EnumField source="kind" enumName="FindingKind" />
        <TextField source="subjectName" />
        <ReferenceField
          source="villageId"
          reference="villages"
          link={(r) => `/${unitResource(r.kind)}/${r.id}/show`}
          sortable={false}
          emptyText="—"
        />
        <TextField source="townshipName" sortBy="townshipId" />
        <FunctionField source="status" render={(r: any) => <StatusChip status={r.status} />} />
        <TextField source="assigneeTownshipName" sortable={false} emptyText="—" />
        <DeadlineField label="resources.rectifications.fields.deadline" />
        <DateField source="openedAt" />
      </Datagrid>
    </List>
  );
};

/** The transitions, as buttons with their small forms; each one through GraphQL, then the record is reloaded. */
function RectificationActions() {
  const r = useRecordContext<any>();
  const dataProvider = useWzDataProvider();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const role = getSession()?.user.role;
  const { data: townships } = useGetList('townships', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'code', order: 'ASC' },
  });
  const [township, setTownship] = useState('');
  const [deadline, setDeadline] = useState('');
  const [note, setNote] = useState('');
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  useEffect(() => {
    setTownship(r?.assigneeTownshipId ?? '');
    setDeadline(r?.deadline ?? '');
    setNote(r?.note ?? '');
  }, [r?.id, r?.version]); // eslint-disable-line react-hooks/exhaustive-deps
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
  const closed = r.status === 'CLOSED';
  return (
    <Stack spacing={2} sx={{ my: 1, maxWidth: 720 }} data-testid="rect-actions">
      {!closed ? (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: 'center' }}>
          <MuiTextField
            select
            size="small"
            label={translate('wz.rect.assign_township')}
            value={township}
            onChange={(e) => setTownship(e.target.value)}
            sx={{ minWidth: 180 }}
            slotProps={{ htmlInput: { 'data-testid': 'rect-township' } }}
          >
            <MenuItem value="">—</MenuItem>
            {(townships ?? []).map((t: any) => (
              <MenuItem key={t.id} value={t.id}>
                {t.name}
              </MenuItem>
            ))}
          </MuiTextField>
          <MuiTextField
            size="small"
            type="date"
            label={translate('wz.rect.deadline')}
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'rect-deadline' } }}
          />
          <MuiTextField
            size="small"
            label={translate('wz.rect.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'rect-note' } }}
          />
          <Button
            variant="contained"
            data-testid="rect-assign"
            onClick={() =>
              run(
                () =>
                  dataProvider.assignRectification(r.id, {
                    townshipId: township || null,
                    deadline: deadline || null,
                    note: note || null,
                    version: r.version,
                  }),
                'wz.rect.assigned_done',
              )
            }
          >
            {translate('wz.rect.assign')}
          </Button>
        </Stack>
      ) : null}
      <Stack direction="row" spacing={1}>
        <MuiTextField
          size="small"
          fullWidth
          label={translate('wz.rect.comment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'rect-comment' } }}
        />
        <Button
          variant="outlined"
          data-testid="rect-comment-send"
          disabled={!comment.trim()}
          onClick={() =>
            run(() => dataProvider.commentRectification(r.id, comment), 'wz.rect.commented').then(() => setComment(''))
          }
        >
          {translate('wz.rect.send')}
        </Button>
      </Stack>
      {role === 'ADMIN' && r.status === 'OPEN' ? (
        <Stack direction="row" spacing={1}>
          <MuiTextField
            size="small"
            fullWidth
            label={translate('wz.rect.waive_reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'rect-reason' } }}
          />
          <Button
            color="warning"
            variant="outlined"
            data-testid="rect-waive"
            disabled={!reason.trim()}
            onClick={() => run(() => dataProvider.waiveRectification(r.id, reason), 'wz.rect.waived')}
          >
            {translate('wz.rect.waive')}
          </Button>
        </Stack>
      ) : null}
      {role === 'ADMIN' && r.status === 'WAIVED' ? (
        <Box>
          <Button
            variant="outlined"
            data-testid="rect-unwaive"
            onClick={() => run(() => dataProvider.unwaiveRectification(r.id), 'wz.rect.unwaived')}
          >
            {translate('wz.rect.unwaive')}
          </Button>
        </Box>
      ) : null}
    </Stack>
  );
}

function EventsField(_props: { label?: string }) {
  const r = useRecordContext<any>();
  const translate = useTranslate();
  const locale = useLocale();
  if (!r?.events) return null;
  return (
    <Box component="ol" sx={{ pl: 2, m: 0 }} data-testid="rect-events">
      {r.events.map((e: any, i: number) => (
        <li key={i}>
          <Typography variant="body2">
            {new Date(e.at).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai' })} ·{' '}
            {translate(`wz.rect.action.${e.action}`, { _: e.action })} · {e.username}
            {e.text ? ` — ${e.text}` : ''}
          </Typography>
        </li>
      ))}
    </Box>
  );
}

export const RectificationShow = () => (
  <Show>
    <SimpleShowLayout>
      <FunctionField source="status" render={(r: any) => <StatusChip status={r.status} />} />
      <SeverityField source="severity" />
      <EnumField source="kind" enumName="FindingKind" />
      <TextField source="findingId" />
      <TextField source="subjectName" />
      <FunctionField
        source="finding"
        render={(r: any) =>
          r.status !== 'CLOSED' ? (
            <Link to={`/findings/${encodeURIComponent(r.findingId)}/show`}>{r.findingId}</Link>
          ) : (
            '—'
          )
        }
      />
      <ReferenceField
        source="villageId"
        reference="villages"
        link={(v) => `/${unitResource(v.kind)}/${v.id}/show`}
        emptyText="—"
      />
      <TextField source="townshipName" />
      <TextField source="assigneeTownshipName" emptyText="—" />
      <TextField source="assigneeUsername" emptyText="—" />
      <DeadlineField label="resources.rectifications.fields.deadline" />
      <TextField source="note" emptyText="—" />
      <TextField source="waiveReason" emptyText="—" />
      <DateField source="openedAt" showTime />
      <DateField source="closedAt" showTime emptyText="—" />
      <FunctionField source="reopenCount" render={(r: any) => String(r.reopenCount)} />
      <RectificationActions />
      <EventsField label="resources.rectifications.fields.events" />
    </SimpleShowLayout>
  </Show>
);

/** Dashboard: open, overdue and closed by kind, and the township ranking (乡镇排名). */
export function RectificationCards() {
  const translate = useTranslate();
  const dataProvider = useWzDataProvider();
  const locale = useLocale();
  const [stats, setStats] = useState<any[] | null>(null);
  const [rank, setRank] = useState<any[] | null>(null);
  useEffect(() => {
    dataProvider.rectificationFigures().then(
      (d) => {
        setStats(d.stats);
        setRank(d.ranking);
      },
      () => setStats([]),
    );
  }, [dataProvider]);
  const byKind = new Map<string, { open: number; overdue: number; closed: number; waived: number }>();
  for (const s of stats ?? []) {
    const k = byKind.get(s.kind) ?? { open: 0, overdue: 0, closed: 0, waived: 0 };
    k.open += s.open;
    k.overdue += s.overdue;
    k.closed += s.closed;
    k.waived += s.waived;
    byKind.set(s.kind, k);
  }
  const n = (v: number) => formatNumber(v, locale);
  const table = {
    borderCollapse: 'collapse',
    width: '100%',
    '& td, & th': { px: 1, py: 0.4, borderBottom: '1px solid #eee', textAlign: 'right' },
    '& td:first-of-type, & th:first-of-type, & td:nth-of-type(2)': { textAlign: 'left' },
  } as const;
  return (
    <Stack spacing={2}>
      <Card>
        <CardHeader
          title={translate('wz.rect.by_kind')}
          action={
            <Button component={Link} to="/rectifications" sx={{ mr: 1 }}>
              {translate('wz.rect.queue')}
            </Button>
          }
        />
        <CardContent>
          <Box component="table" sx={table} data-testid="rect-by-kind">
            <thead>
              <tr>
                <th>{translate('resources.rectifications.fields.kind')}</th>
                <th />
                <th>{translate('wz.rect.status.OPEN')}</th>
                <th>{translate('wz.rect.overdue')}</th>
                <th>{translate('wz.rect.status.WAIVED')}</th>
                <th>{translate('wz.rect.status.CLOSED')}</th>
              </tr>
            </thead>
            <tbody>
              {[...byKind].map(([kind, k]) => (
                <tr key={kind}>
                  <td>{translate(`wz.enums.FindingKind.${kind}`)}</td>
                  <td />
                  <td>{n(k.open)}</td>
                  <td style={{ color: k.overdue ? '#c62828' : undefined }}>{n(k.overdue)}</td>
                  <td>{n(k.waived)}</td>
                  <td>{n(k.closed)}</td>
                </tr>
              ))}
            </tbody>
          </Box>
        </CardContent>
      </Card>
      <Card>
        <CardHeader title={translate('wz.rect.ranking')} subheader={translate('wz.rect.ranking_rule')} />
        <CardContent>
          <Box component="table" sx={table} data-testid="rect-ranking">
            <thead>
              <tr>
                <th>#</th>
                <th>{translate('resources.rectifications.fields.townshipName')}</th>
                <th>{translate('wz.rect.open_critical')}</th>
                <th>{translate('wz.rect.status.OPEN')}</th>
                <th>{translate('wz.rect.overdue')}</th>
                <th>{translate('wz.rect.days_overdue_total')}</th>
                <th>{translate('wz.rect.status.CLOSED')}</th>
              </tr>
            </thead>
            <tbody>
              {(rank ?? [])
                .filter((r) => r.open > 0)
                .slice(0, 10)
                .map((r) => (
                  <tr key={r.townshipId}>
                    <td>{r.rank}</td>
                    <td>
                      <Link
                        to={`/rectifications?filter=${encodeURIComponent(JSON.stringify({ townshipId: r.townshipId, status: 'OPEN' }))}`}
                      >
                        {r.countyName} · {r.townshipName}
                      </Link>
                    </td>
                    <td style={{ color: r.openCritical ? '#c62828' : undefined }}>{n(r.openCritical)}</td>
                    <td>{n(r.open)}</td>
                    <td>{n(r.overdue)}</td>
                    <td>{n(r.daysOverdue)}</td>
                    <td>{n(r.closed)}</td>
                  </tr>
                ))}
            </tbody>
          </Box>
        </CardContent>
      </Card>
    </Stack>
  );
}

export default { list: RectificationList, show: RectificationShow };
