import {
  AutocompleteArrayInput,
  BooleanField,
  BooleanInput,
  ChipField,
  Create,
  Datagrid,
  Edit,
  List,
  NullableBooleanInput,
  ReferenceArrayField,
  ReferenceArrayInput,
  SelectInput,
  Show,
  SimpleForm,
  SingleFieldList,
  TextField,
  TextInput,
  required,
} from 'react-admin';
import { EnumField, enumChoices } from '../common/enums';
import { countyFilter, enumFilter, searchFilter, townshipFilter } from '../common/filters';
import { FormDraft } from '../auth/FormDraft';
import { WithHistory } from '../history';

const filters = [
  searchFilter,
  countyFilter,
  townshipFilter,
  enumFilter('source', 'WorkerSource'),
  enumFilter('employment', 'Employment'),
  <NullableBooleanInput key="active" source="active" />,
];

export const GridWorkerList = () => (
  <List filters={filters} sort={{ field: 'name', order: 'ASC' }}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="name" />
      <TextField source="phone" sortable={false} />
      <EnumField source="source" enumName="WorkerSource" />
      <EnumField source="employment" enumName="Employment" />
      <BooleanField source="active" />
      <ReferenceArrayField source="gridIds" reference="grids" sortable={false}>
        <SingleFieldList linkType="show">
          <ChipField source="name" size="small" />
        </SingleFieldList>
      </ReferenceArrayField>
    </Datagrid>
  </List>
);

export const GridWorkerShow = () => (
  <Show>
    <WithHistory recordType="GridWorker">
      <TextField source="name" />
      <TextField source="phone" />
      <EnumField source="source" enumName="WorkerSource" />
      <EnumField source="employment" enumName="Employment" />
      <BooleanField source="active" />
      <ReferenceArrayField source="gridIds" reference="grids">
        <SingleFieldList linkType="show">
          <ChipField source="name" />
        </SingleFieldList>
      </ReferenceArrayField>
    </WithHistory>
  </Show>
);

const GridWorkerForm = () => (
  <SimpleForm>
    <FormDraft />
    <TextInput source="name" validate={required()} />
    <TextInput source="phone" />
    <SelectInput source="source" choices={enumChoices('WorkerSource')} />
    <SelectInput source="employment" choices={enumChoices('Employment')} />
    <BooleanInput source="active" defaultValue={true} />
    <ReferenceArrayInput source="gridIds" reference="grids">
      <AutocompleteArrayInput optionText="name" filterToQuery={(q: string) => ({ q })} />
    </ReferenceArrayInput>
  </SimpleForm>
);

export const GridWorkerEdit = () => (
  <Edit mutationMode="pessimistic">
    <GridWorkerForm />
  </Edit>
);
export const GridWorkerCreate = () => (
  <Create redirect="show">
    <GridWorkerForm />
  </Create>
);

export default {
  list: GridWorkerList,
  show: GridWorkerShow,
  edit: GridWorkerEdit,
  create: GridWorkerCreate,
  recordRepresentation: 'name',
};
