import {
  AutocompleteInput,
  BooleanInput,
  Create,
  Datagrid,
  Edit,
  List,
  NumberField,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  ReferenceManyField,
  SelectInput,
  Show,
  SimpleForm,
  TextField,
  TextInput,
  required,
  useRecordContext,
  useGetOne,
} from 'react-admin';
import { Breadcrumbs, Link as MuiLink, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { EnumField, enumChoices } from '../common/enums';
import { countyFilter, enumFilter, searchFilter, townshipFilter } from '../common/filters';
import { unitResource } from '../resources';
import { FormDraft } from '../auth/FormDraft';
import { WithHistory } from '../history';

const filters = [
  searchFilter,
  countyFilter,
  townshipFilter,
  enumFilter('kind', 'PartyUnitKind'),
  enumFilter('level', 'PartyUnitLevel'),
  <BooleanInput key="root" source="root" label="wz.filters.roots_only" parse={(v) => (v ? true : undefined)} />,
];

export const PartyUnitList = () => (
  <List filters={filters} sort={{ field: 'name', order: 'ASC' }}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="name" />
      <EnumField source="kind" enumName="PartyUnitKind" />
      <EnumField source="level" enumName="PartyUnitLevel" />
      <NumberField source="members" />
      <ReferenceField source="parentId" reference="party-units" link="show" sortable={false} emptyText="—" />
      <ReferenceField
        source="villageId"
        reference="villages"
        link={(r) => `/${unitResource(r.kind)}/${r.id}/show`}
        sortable={false}
        emptyText="—"
      />
      <ReferenceField source="gridId" reference="grids" link="show" sortable={false} emptyText="—" />
    </Datagrid>
  </List>
);

/** The chain of parents up to the root (the tree, upwards). */
function Ancestors({ id, depth = 0 }: { id?: string | null; depth?: number }) {
  const { data } = useGetOne('party-units', { id: id! }, { enabled: Boolean(id) && depth < 8 });
  if (!id || !data) return null;
  return (
    <>
      <Ancestors id={data.parentId} depth={depth + 1} />
      <MuiLink component={Link} to={`/party-units/${data.id}/show`}>
        {data.name}
      </MuiLink>
    </>
  );
}

function TreePath() {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Breadcrumbs>
      {record.parentId ? <Ancestors id={record.parentId} /> : null}
      <Typography color="text.primary">{record.name}</Typography>
    </Breadcrumbs>
  );
}

export const PartyUnitShow = () => (
  <Show>
    <WithHistory recordType="PartyUnit">
      <TreePath />
      <TextField source="name" />
      <EnumField source="kind" enumName="PartyUnitKind" />
      <EnumField source="level" enumName="PartyUnitLevel" />
      <NumberField source="members" />
      <ReferenceField source="parentId" reference="party-units" link="show" emptyText="—" />
      <ReferenceField
        source="villageId"
        reference="villages"
        link={(r) => `/${unitResource(r.kind)}/${r.id}/show`}
        emptyText="—"
      />
      <ReferenceField source="gridId" reference="grids" link="show" emptyText="—" />
      <ReferenceManyField
        reference="party-units"
        target="parentId"
        source="id"
        label="resources.party-units.fields.children"
      >
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <TextField source="name" />
          <EnumField source="kind" enumName="PartyUnitKind" />
          <EnumField source="level" enumName="PartyUnitLevel" />
          <NumberField source="members" />
        </Datagrid>
      </ReferenceManyField>
    </WithHistory>
  </Show>
);

const PartyUnitForm = () => (
  <SimpleForm>
    <FormDraft />
    <TextInput source="name" validate={required()} />
    <SelectInput source="kind" choices={enumChoices('PartyUnitKind')} validate={required()} />
    <SelectInput source="level" choices={enumChoices('PartyUnitLevel')} validate={required()} />
    <NumberInput source="members" min={0} />
    <ReferenceInput source="parentId" reference="party-units">
      <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} />
    </ReferenceInput>
    <ReferenceInput source="villageId" reference="villages">
      <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} />
    </ReferenceInput>
    <ReferenceInput source="gridId" reference="grids">
      <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} />
    </ReferenceInput>
  </SimpleForm>
);

export const PartyUnitEdit = () => (
  <Edit mutationMode="pessimistic">
    <PartyUnitForm />
  </Edit>
);
export const PartyUnitCreate = () => (
  <Create redirect="show">
    <PartyUnitForm />
  </Create>
);

export default {
  list: PartyUnitList,
  show: PartyUnitShow,
  edit: PartyUnitEdit,
  create: PartyUnitCreate,
  recordRepresentation: 'name',
};
