import ShortTextIcon from "@mui/icons-material/ShortText";
import {
  Create,
  DataTable,
  DeleteButton,
  Edit,
  List,
  maxLength,
  NumberField,
  ReferenceField,
  ReferenceInput,
  required,
  SaveButton,
  SearchInput,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  useTranslate,
} from "react-admin";
import { Typography } from "@mui/material";
import { TEMPLATE_VARIABLES, type Template } from "@messagerie/client/types";
import { RelativeDateField } from "../dates/RelativeDateField";

const templateFilters = [<SearchInput key="q" source="q" alwaysOn />];

/** Réponses types: the team's canned replies, most used first. */
export const TemplateList = () => (
  <List filters={templateFilters} sort={{ field: "usageCount", order: "DESC" }}>
    <DataTable<Template> rowClick="edit" bulkActionButtons={false}>
      <DataTable.Col source="name" />
      <DataTable.Col source="shortcut" disableSort render={(record) => (record.shortcut ? `/${record.shortcut}` : "")} />
      <DataTable.Col source="categoryId" disableSort>
        <ReferenceField source="categoryId" reference="categories" link={false} emptyText="—" />
      </DataTable.Col>
      <DataTable.Col source="usageCount" field={NumberField} />
      <DataTable.Col source="lastUsedAt" field={RelativeDateField} />
    </DataTable>
  </List>
);

/** The variables a template may use, listed under its text. */
const VariablesHelp = () => {
  const translate = useTranslate();
  return (
    <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: -1, mb: 2 }}>
      {translate("app.templates.variables")} {TEMPLATE_VARIABLES.map((name) => `{{${name}}}`).join(" ")}
    </Typography>
  );
};

const TemplateInputs = () => (
  <>
    <TextInput source="name" validate={[required(), maxLength(80)]} />
    <TextInput source="shortcut" helperText="app.templates.shortcut_hint" validate={maxLength(30)} />
    <ReferenceInput source="categoryId" reference="categories" filter={{ active: true }} sort={{ field: "name", order: "ASC" }}>
      <SelectInput optionText="name" emptyText="app.triage.no_category" helperText="app.templates.category_hint" />
    </ReferenceInput>
    <TextInput source="content" multiline minRows={6} validate={[required(), maxLength(10_000)]} helperText={false} />
    <VariablesHelp />
  </>
);

/** What is sent: trimmed text, an empty shortcut or category as none. */
const toTemplateWrite = (values: Record<string, unknown>) => ({
  name: String(values.name ?? "").trim(),
  content: String(values.content ?? "").trim(),
  shortcut: String(values.shortcut ?? "").trim().replace(/^\//, "") || null,
  categoryId: values.categoryId === "" || values.categoryId === undefined ? null : values.categoryId,
});

export const TemplateCreate = () => (
  <Create transform={toTemplateWrite} redirect="list">
    <SimpleForm sx={{ maxWidth: 720 }}>
      <TemplateInputs />
    </SimpleForm>
  </Create>
);

export const TemplateEdit = () => (
  <Edit transform={toTemplateWrite} mutationMode="pessimistic" redirect="list">
    <SimpleForm sx={{ maxWidth: 720 }} toolbar={<Toolbar sx={{ justifyContent: "space-between" }}><SaveButton /><DeleteButton mutationMode="pessimistic" /></Toolbar>}>
      <TemplateInputs />
    </SimpleForm>
  </Edit>
);

export default {
  list: TemplateList,
  create: TemplateCreate,
  edit: TemplateEdit,
  icon: ShortTextIcon,
  recordRepresentation: (record: Template) => record.name,
};
