import { Box, Typography } from '@mui/material';
import {
  AutocompleteArrayInput,
  AutocompleteInput,
  ChipField,
  Create,
  Datagrid,
  Edit,
  FunctionField,
  List,
  NumberField,
  NumberInput,
  ReferenceArrayField,
  ReferenceArrayInput,
  ReferenceField,
  ReferenceInput,
  ReferenceManyField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  SingleFieldList,
  TextField,
  TextInput,
  required,
  useLocale,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { countyFilter, searchFilter, townshipFilter } from '../common/filters';
import { formatNumber } from '../i18n';
import { WorkOrderStatusChip } from '../work-orders';

export const MEMBER_UNIT_KINDS = ['AGENCY', 'ENTERPRISE', 'INSTITUTION', 'SOCIAL_ORGANISATION', 'OTHER'] as const;
const kindChoices = MEMBER_UNIT_KINDS.map((id) => ({ id, name: `wz.mu.kind.${id}` }));

const filters = [
  searchFilter,
  <SelectInput key="kind" source="kind" choices={kindChoices} alwaysOn />,
  countyFilter,
  townshipFilter,
  <ReferenceInput key="villageId" source="villageId" reference="communities">
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 180 }} />
  </ReferenceInput>,
];

function KindField(_props: { label?: string; source?: string }) {
  const translate = useTranslate();
  return <FunctionField source="kind" render={(r: any) => translate(`wz.mu.kind.${r.kind}`, { _: r.kind })} />;
}

export const MemberUnitList = () => (
  <List filters={filters} sort={{ field: 'name', order: 'ASC' }} exporter={false}>
    <Datagrid rowClick="show" bulkActionButtons={false} data-testid="mu-list">
      <TextField source="name" />
      <KindField source="kind" />
      <TextField source="committeeVillageName" sortBy="committeeVillageId" emptyText="—" />
      <TextField source="contactName" sortable={false} emptyText="—" />
      <TextField source="contactPhone" sortable={false} emptyText="—" />
      <NumberField source="reportedMembers" />
      <FunctionField source="generated" render={(r: any) => (r.generated ? '（生成）' : '')} sortable={false} />
    </Datagrid>
  </List>
);

function Figures(_props: { label?: string }) {
  const r = useRecordContext<any>();
  const translate = useTranslate();
  const locale = useLocale();
  const f = r?.figures;
  if (!f) return null;
  return (
    <Box data-testid="mu-figures" sx={{ display: 'flex', gap: 3, flexWrap: 'wrap' }}>
      {(['total', 'claimed', 'done', 'scored', 'averageScore', 'overdue'] as const).map((k) => (
        <Box key={k}>
          <Typography variant="h6">{formatNumber(f[k], locale, 1)}</Typography>
          <Typography variant="caption">{translate(`wz.mu.figures.${k}`)}</Typography>
        </Box>
      ))}
    </Box>
  );
}

export const MemberUnitShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="name" />
      <KindField source="kind" />
      <TextField source="contactName" emptyText="—" />
      <TextField source="contactPhone" emptyText="—" />
      <ReferenceField source="committeeVillageId" reference="communities" link="show" emptyText="—" />
      <ReferenceArrayField source="pairedVillageIds" reference="communities">
        <SingleFieldList linkType="show">
          <ChipField source="name" size="small" />
        </SingleFieldList>
      </ReferenceArrayField>
      <NumberField source="reportedMembers" />
      <Figures label="wz.mu.figures.title" />
      <ReferenceManyField
        reference="work-orders"
        target="memberUnitId"
        source="id"
        label="wz.mu.orders"
        sort={{ field: 'createdAt', order: 'DESC' }}
        perPage={20}
      >
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <TextField source="code" />
          <TextField source="title" />
          <FunctionField source="status" render={(w: any) => <WorkOrderStatusChip status={w.status} />} />
          <TextField source="deadline" emptyText="—" />
          <NumberField source="score100" emptyText="—" />
        </Datagrid>
      </ReferenceManyField>
    </SimpleShowLayout>
  </Show>
);

const Form = () => (
  <SimpleForm>
    <TextInput source="name" validate={required()} fullWidth />
    <SelectInput source="kind" choices={kindChoices} />
    <TextInput source="contactName" />
    <TextInput source="contactPhone" />
    <ReferenceInput source="committeeVillageId" reference="communities">
      <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} />
    </ReferenceInput>
    <ReferenceArrayInput source="pairedVillageIds" reference="communities">
      <AutocompleteArrayInput optionText="name" filterToQuery={(q: string) => ({ q })} />
    </ReferenceArrayInput>
    <NumberInput source="reportedMembers" min={0} />
  </SimpleForm>
);

export const MemberUnitEdit = () => (
  <Edit mutationMode="pessimistic">
    <Form />
  </Edit>
);
export const MemberUnitCreate = () => (
  <Create redirect="show">
    <Form />
  </Create>
);

export default {
  list: MemberUnitList,
  show: MemberUnitShow,
  edit: MemberUnitEdit,
  create: MemberUnitCreate,
  recordRepresentation: 'name',
};
