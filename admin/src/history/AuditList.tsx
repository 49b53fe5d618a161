import { Link } from 'react-router-dom';
import {
  Datagrid,
  DateField,
  DateTimeInput,
  FunctionField,
  List,
  SelectInput,
  TextField,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { searchFilter } from '../common/filters';
import { RECORD_TYPES, resourceOf } from './diff';
import { EventDiff } from './EventDiff';

const toIso = (v: string) => (v ? new Date(v).toISOString() : undefined);

const filters = [
  searchFilter,
  <TextInput key="username" source="username" />,
  <SelectInput
    key="recordType"
    source="recordType"
    choices={RECORD_TYPES.map((t) => ({ id: t, name: `wz.history.types.${t}` }))}
    alwaysOn
  />,
  <TextInput key="operation" source="operation" />,
  <DateTimeInput key="from" source="from" parse={toIso} alwaysOn />,
  <DateTimeInput key="to" source="to" parse={toIso} />,
];

function Expand() {
  const record = useRecordContext();
  if (!record) return null;
  return <EventDiff event={record as any} resource={resourceOf(record.recordType, record.after ?? record.before)} />;
}

function RecordLink(_props: { label?: string }) {
  const translate = useTranslate();
  return (
    <FunctionField
      label="resources.audit-events.fields.recordId"
      render={(r: any) => {
        const resource = resourceOf(r.recordType, r.after ?? r.before);
        const name = (r.after?.name ??
          r.before?.name ??
          r.after?.username ??
          r.before?.username ??
          `#${r.recordId}`) as string;
        const text = `${translate(`wz.history.types.${r.recordType}`, { _: r.recordType })} · ${name}`;
        const to =
          resource === 'users'
            ? `/users/${r.recordId}`
            : resource === 'keys'
              ? null
              : `/${resource}/${r.recordId}/show`;
        return to && r.after && r.recordId ? (
          <Link to={to} onClick={(e) => e.stopPropagation()}>
            {text}
          </Link>
        ) : (
          text
        );
      }}
    />
  );
}

/** The whole audit trail (administrators): filters by user, record type, operation and time. */
export const AuditList = () => {
  const translate = useTranslate();
  return (
    <List filters={filters} sort={{ field: 'at', order: 'DESC' }} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick="expand" expand={<Expand />}>
        <DateField source="at" showTime />
        <TextField source="username" />
        <FunctionField source="role" render={(r: any) => translate(`wz.roles.${r.role}`, { _: r.role })} />
        <FunctionField
          source="operation"
          render={(r: any) => translate(`wz.history.ops.${r.operation}`, { _: r.operation })}
        />
        <RecordLink label="resources.audit-events.fields.recordId" />
      </Datagrid>
    </List>
  );
};

export default { list: AuditList };
