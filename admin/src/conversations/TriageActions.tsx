import AssignmentIndIcon from "@mui/icons-material/AssignmentIndOutlined";
import FlagIcon from "@mui/icons-material/FlagOutlined";
import LabelIcon from "@mui/icons-material/LabelOutlined";
import { Menu, MenuItem, TextField } from "@mui/material";
import { useState, type ReactNode } from "react";
import {
  Button,
  useGetIdentity,
  useGetList,
  useListContext,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  useUnselectAll,
  useUpdate,
  useUpdateMany,
} from "react-admin";
import { PRIORITIES, type Category, type Conversation, type User } from "@messagerie/client/types";

type Option = { value: string | number | null; label: string };

/** Admins who can be assigned (active ones), for the menus and selects below. */
export const useAdmins = () =>
  useGetList<User>("users", { filter: { role: "ADMIN", active: true }, sort: { field: "name", order: "ASC" }, pagination: { page: 1, perPage: 200 } });
/** Categories a ticket may be given (active ones). */
export const useActiveCategories = () =>
  useGetList<Category>("categories", { filter: { active: true }, sort: { field: "name", order: "ASC" }, pagination: { page: 1, perPage: 200 } });

/** A toolbar button opening a menu of values; choosing one sets `field` on every selected ticket (partial PUTs). */
const BulkSetMenu = ({ field, label, icon, options }: { field: string; label: string; icon: ReactNode; options: Option[] }) => {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { selectedIds, resource } = useListContext();
  const notify = useNotify();
  const unselectAll = useUnselectAll(resource ?? "conversations");
  const [updateMany, { isPending }] = useUpdateMany();
  const choose = (value: Option["value"]) => {
    setAnchor(null);
    void updateMany(
      "conversations",
      { ids: selectedIds, data: { [field]: value } },
      {
        mutationMode: "pessimistic",
        onSuccess: () => {
          notify("app.triage.updated", { type: "success", messageArgs: { smart_count: selectedIds.length } });
          unselectAll();
        },
        onError: (error) => notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" }),
      },
    );
  };
  return (
    <>
      <Button label={label} onClick={(event) => setAnchor(event.currentTarget)} disabled={isPending} aria-haspopup="menu">
        {icon as React.ReactElement}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {options.map((option) => (
          <MenuItem key={String(option.value)} onClick={() => choose(option.value)}>
            {option.label}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
};

/** Bulk triage from the list: assign (to me or a chosen admin), set the priority, set the category. */
export const BulkTriageButtons = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { data: admins = [] } = useAdmins();
  const { data: categories = [] } = useActiveCategories();
  const assignees: Option[] = [
    ...(identity ? [{ value: identity.id as number, label: translate("app.triage.assign_to_me") }] : []),
    ...admins.filter((admin) => admin.id !== identity?.id).map((admin) => ({ value: admin.id, label: admin.name })),
    { value: null, label: translate("app.triage.unassigned") },
  ];
  return (
    <>
      <BulkSetMenu field="adminId" label="app.triage.assign" icon={<AssignmentIndIcon />} options={assignees} />
      <BulkSetMenu
        field="priority"
        label="app.triage.set_priority"
        icon={<FlagIcon />}
        options={PRIORITIES.map((priority) => ({ value: priority, label: translate(`app.priority.${priority}`) }))}
      />
      <BulkSetMenu
        field="categoryId"
        label="app.triage.set_category"
        icon={<LabelIcon />}
        options={[...categories.map((category) => ({ value: category.id, label: category.name })), { value: null, label: translate("app.triage.no_category") }]}
      />
    </>
  );
};

/** One triage field of the open ticket, changed at once by a partial PUT. */
const TriageSelect = ({ field, label, options }: { field: "adminId" | "priority" | "categoryId"; label: string; options: Option[] }) => {
  const record = useRecordContext<Conversation>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [update, { isPending }] = useUpdate();
  if (!record) return null;
  const current = record[field] ?? null;
  const encode = (value: Option["value"]) => (value === null ? "" : String(value));
  return (
    <TextField
      select
      size="small"
      fullWidth
      label={translate(label)}
      value={encode(current as Option["value"])}
      disabled={isPending}
      // "" is a real choice here (none): show its label rather than an empty box.
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      onChange={(event) => {
        const chosen = options.find((option) => encode(option.value) === event.target.value);
        if (!chosen) return;
        void update(
          "conversations",
          { id: record.id, data: { [field]: chosen.value }, previousData: record },
          {
            mutationMode: "pessimistic",
            onSuccess: () => refresh(),
            onError: (error) => notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" }),
          },
        );
      }}
    >
      {options.map((option) => (
        <MenuItem key={encode(option.value)} value={encode(option.value)}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
};

/** The ticket page's aside: category, priority and assignee, each editable. */
export const TriageEditors = () => {
  const record = useRecordContext<Conversation>();
  const translate = useTranslate();
  const { data: admins = [] } = useAdmins();
  const { data: categories = [] } = useActiveCategories();
  if (!record) return null;
  // An archived category stays on its tickets: keep it in the choices, marked.
  const categoryOptions: Option[] = [
    { value: null, label: translate("app.triage.no_category") },
    ...categories.map((category) => ({ value: category.id, label: category.name })),
    ...(record.category && !categories.some((category) => category.id === record.categoryId)
      ? [{ value: record.category.id, label: `${record.category.name} (${translate("app.triage.archived")})` }]
      : []),
  ];
  const adminOptions: Option[] = [
    { value: null, label: translate("app.triage.unassigned") },
    ...admins.map((admin) => ({ value: admin.id, label: admin.name })),
    ...(record.admin && !admins.some((admin) => admin.id === record.adminId) ? [{ value: record.admin.id, label: record.admin.name }] : []),
  ];
  return (
    <>
      <TriageSelect field="categoryId" label="resources.conversations.fields.categoryId" options={categoryOptions} />
      <TriageSelect
        field="priority"
        label="resources.conversations.fields.priority"
        options={PRIORITIES.map((priority) => ({ value: priority, label: translate(`app.priority.${priority}`) }))}
      />
      <TriageSelect field="adminId" label="resources.conversations.fields.adminId" options={adminOptions} />
    </>
  );
};
