import {
  AutocompleteInput,
  Create,
  Datagrid,
  Edit,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  ReferenceManyField,
  SelectInput,
  Show,
  SimpleForm,
  TextField,
  TextInput,
  required,
} from 'react-admin';
import { AreaField, EnumField, enumChoices } from '../common/enums';
import { countyFilter, enumFilter, searchFilter } from '../common/filters';
import { MapLinkButton } from '../common/MapLinkButton';
import { RecordMap } from '../map/RecordMap';
import { unitResource } from '../resources';
import { FormDraft } from '../auth/FormDraft';
import { WithHistory } from '../history';
import { TransferListActions } from '../import/ListActions';

const filters = [searchFilter, countyFilter, enumFilter('kind', 'TownshipKind')];

export const TownshipList = () => (
  <List filters={filters} sort={{ field: 'code', order: 'ASC' }} actions={<TransferListActions list="townships" />}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="code" />
      <TextField source="name" />
      <EnumField source="kind" enumName="TownshipKind" />
      <ReferenceField source="countyId" reference="counties" link="show" sortable={false} />
      <AreaField source="areaM2" sortable={false} />
      <MapLinkButton layer="townships" />
    </Datagrid>
  </List>
);

export const TownshipShow = () => (
  <Show>
    <WithHistory recordType="Township">
      <TextField source="code" />
      <TextField source="name" />
      <EnumField source="kind" enumName="TownshipKind" />
      <ReferenceField source="countyId" reference="counties" link="show" />
      <AreaField source="areaM2" />
      <RecordMap type="Township" resource="townships" />
      <ReferenceManyField
        reference="villages"
        target="townshipId"
        source="id"
        label="resources.townships.fields.villages"
        sort={{ field: 'code', order: 'ASC' }}
      >
        <Datagrid rowClick={(id, _r, record) => `/${unitResource(record.kind)}/${id}/show`} bulkActionButtons={false}>
          <TextField source="code" />
          <TextField source="name" />
          <EnumField source="kind" enumName="VillageKind" />
          <NumberField source="households" />
        </Datagrid>
      </ReferenceManyField>
    </WithHistory>
  </Show>
);

const TownshipForm = () => (
  <SimpleForm>
    <FormDraft />
    <TextInput source="code" validate={required()} />
    <TextInput source="name" validate={required()} />
    <SelectInput source="kind" choices={enumChoices('TownshipKind')} />
    <ReferenceInput source="countyId" reference="counties">
      <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} validate={required()} />
    </ReferenceInput>
  </SimpleForm>
);

export const TownshipEdit = () => (
  <Edit mutationMode="pessimistic">
    <TownshipForm />
    <RecordMap type="Township" resource="townships" />
  </Edit>
);
export const TownshipCreate = () => (
  <Create redirect="show">
    <TownshipForm />
  </Create>
);

export default {
  list: TownshipList,
  show: TownshipShow,
  edit: TownshipEdit,
  create: TownshipCreate,
  recordRepresentation: 'name',
};
