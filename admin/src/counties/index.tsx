import {
  Create,
  Datagrid,
  Edit,
  List,
  ReferenceManyField,
  Show,
  SimpleForm,
  TextField,
  TextInput,
  required,
} from 'react-admin';
import { AreaField } from '../common/enums';
import { searchFilter } from '../common/filters';
import { MapLinkButton } from '../common/MapLinkButton';
import { RecordMap } from '../map/RecordMap';
import { FormDraft } from '../auth/FormDraft';
import { WithHistory } from '../history';
import { TransferListActions } from '../import/ListActions';

export const CountyList = () => (
  <List
    filters={[searchFilter]}
    sort={{ field: 'code', order: 'ASC' }}
    actions={<TransferListActions list="counties" />}
  >
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="code" />
      <TextField source="name" />
      <AreaField source="areaM2" sortable={false} />
      <MapLinkButton layer="counties" />
    </Datagrid>
  </List>
);

export const CountyShow = () => (
  <Show>
    <WithHistory recordType="County">
      <TextField source="code" />
      <TextField source="name" />
      <AreaField source="areaM2" />
      <RecordMap type="County" resource="counties" />
      <ReferenceManyField
        reference="townships"
        target="countyId"
        source="id"
        label="resources.counties.fields.townships"
        sort={{ field: 'code', order: 'ASC' }}
      >
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <TextField source="code" />
          <TextField source="name" />
        </Datagrid>
      </ReferenceManyField>
    </WithHistory>
  </Show>
);

const CountyForm = () => (
  <SimpleForm>
    <FormDraft />
    <TextInput source="code" validate={required()} />
    <TextInput source="name" validate={required()} />
  </SimpleForm>
);

export const CountyEdit = () => (
  <Edit mutationMode="pessimistic">
    <CountyForm />
    <RecordMap type="County" resource="counties" />
  </Edit>
);
export const CountyCreate = () => (
  <Create redirect="show">
    <CountyForm />
  </Create>
);

export default {
  list: CountyList,
  show: CountyShow,
  edit: CountyEdit,
  create: CountyCreate,
  recordRepresentation: 'name',
};
