import LabelIcon from "@mui/icons-material/LabelOutlined";
import {
  BooleanField,
  BooleanInput,
  Create,
  DataTable,
  Edit,
  List,
  maxLength,
  NullableBooleanInput,
  required,
  SaveButton,
  SearchInput,
  SimpleForm,
  TextInput,
  Toolbar,
} from "react-admin";
import type { Category } from "@messagerie/client/types";
import { ShortDateField } from "../dates/RelativeDateField";

const categoryFilters = [<SearchInput key="q" source="q" alwaysOn />, <NullableBooleanInput key="active" source="active" />];

/** Catégories: list, create, rename, archive (active off). No delete: tickets keep their category. */
export const CategoryList = () => (
  <List filters={categoryFilters} sort={{ field: "name", order: "ASC" }}>
    <DataTable<Category> rowClick="edit" bulkActionButtons={false}>
      <DataTable.Col source="name" />
      <DataTable.Col source="description" disableSort />
      <DataTable.Col source="active" field={BooleanField} />
      <DataTable.Col source="createdAt" field={ShortDateField} />
    </DataTable>
  </List>
);

const trimmed = (values: Record<string, unknown>) => ({
  name: String(values.name ?? "").trim(),
  description: String(values.description ?? "").trim(),
  ...(typeof values.active === "boolean" && { active: values.active }),
});

const CategoryInputs = () => (
  <>
    <TextInput source="name" validate={[required(), maxLength(80)]} />
    <TextInput source="description" multiline minRows={2} validate={maxLength(500)} />
  </>
);

export const CategoryCreate = () => (
  <Create transform={trimmed} redirect="list">
    <SimpleForm sx={{ maxWidth: 520 }}>
      <CategoryInputs />
    </SimpleForm>
  </Create>
);

export const CategoryEdit = () => (
  <Edit transform={trimmed} mutationMode="pessimistic" redirect="list">
    <SimpleForm sx={{ maxWidth: 520 }} toolbar={<Toolbar><SaveButton /></Toolbar>}>
      <CategoryInputs />
      <BooleanInput source="active" helperText="app.category.active_hint" />
    </SimpleForm>
  </Edit>
);

export default {
  list: CategoryList,
  create: CategoryCreate,
  edit: CategoryEdit,
  icon: LabelIcon,
  recordRepresentation: (record: Category) => record.name,
};
