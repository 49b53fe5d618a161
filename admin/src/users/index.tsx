import {
  AutocompleteArrayInput,
  BooleanField,
  BooleanInput,
  ChipField,
  Create,
  Datagrid,
  DateField,
  Edit,
  FunctionField,
  List,
  NullableBooleanInput,
  PasswordInput,
  ReferenceArrayField,
  ReferenceArrayInput,
  SelectInput,
  SimpleForm,
  SingleFieldList,
  TextField,
  TextInput,
  required,
  useTranslate,
  FormDataConsumer,
} from 'react-admin';
import { FormDraft } from '../auth/FormDraft';
import { searchFilter } from '../common/filters';

/** Roles a person can have (services use API keys). */
export const ROLES = ['ADMIN', 'EDITOR', 'ANALYST'] as const;
export const roleChoices = ROLES.map((id) => ({ id, name: `wz.roles.${id}` }));

const minLength8 = (v: string) => (v && v.length < 8 ? 'wz.account.too_short' : undefined);

const filters = [
  searchFilter,
  <SelectInput key="role" source="role" choices={roleChoices} alwaysOn />,
  <NullableBooleanInput key="active" source="active" alwaysOn />,
];

export function RoleField(_props: { source?: string; label?: string; sortable?: boolean }) {
  const translate = useTranslate();
  return (
    <FunctionField source="role" render={(r: any) => (r?.role ? translate(`wz.roles.${r.role}`, { _: r.role }) : '')} />
  );
}

export const UserList = () => (
  <List filters={filters} sort={{ field: 'username', order: 'ASC' }}>
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="username" />
      <TextField source="displayName" emptyText="—" />
      <RoleField source="role" />
      <ReferenceArrayField source="countyIds" reference="counties" sortable={false}>
        <SingleFieldList linkType={false}>
          <ChipField source="name" size="small" />
        </SingleFieldList>
      </ReferenceArrayField>
      <ReferenceArrayField source="townshipIds" reference="townships" sortable={false}>
        <SingleFieldList linkType={false}>
          <ChipField source="name" size="small" />
        </SingleFieldList>
      </ReferenceArrayField>
      <BooleanField source="active" sortable={false} />
      <DateField source="lockedUntil" showTime emptyText="—" sortable={false} />
      <DateField source="createdAt" showTime />
    </Datagrid>
  </List>
);

/** Scope inputs: only an EDITOR's counties and townships mean anything. */
const ScopeInputs = () => (
  <FormDataConsumer>
    {({ formData }) =>
      formData.role === 'EDITOR' ? (
        <>
          <ReferenceArrayInput source="countyIds" reference="counties">
            <AutocompleteArrayInput
              optionText="name"
              filterToQuery={(q: string) => ({ q })}
              helperText="wz.users.scope_help"
              sx={{ minWidth: 360 }}
            />
          </ReferenceArrayInput>
          <ReferenceArrayInput source="townshipIds" reference="townships">
            <AutocompleteArrayInput optionText="name" filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 360 }} />
          </ReferenceArrayInput>
        </>
      ) : null
    }
  </FormDataConsumer>
);

export const UserCreate = () => (
  <Create redirect="list">
    <SimpleForm defaultValues={{ role: 'ANALYST', active: true, countyIds: [], townshipIds: [] }}>
      <FormDraft />
      <TextInput source="username" validate={required()} autoComplete="off" />
      <TextInput source="displayName" />
      <PasswordInput source="password" validate={[required(), minLength8]} autoComplete="new-password" />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <ScopeInputs />
      <BooleanInput source="active" />
    </SimpleForm>
  </Create>
);

export const UserEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm>
      <FormDraft />
      <TextInput source="username" validate={required()} autoComplete="off" />
      <TextInput source="displayName" />
      <PasswordInput
        source="password"
        label="wz.users.new_password"
        helperText="wz.users.new_password_help"
        validate={minLength8}
        autoComplete="new-password"
      />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <ScopeInputs />
      <BooleanInput source="active" />
    </SimpleForm>
  </Edit>
);

export default { list: UserList, create: UserCreate, edit: UserEdit, recordRepresentation: 'username' };
