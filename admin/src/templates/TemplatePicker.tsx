import ShortTextIcon from "@mui/icons-material/ShortText";
import { Autocomplete, Button, Popover, TextField } from "@mui/material";
import { useEffect, useRef, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { useDataProvider, useGetList, useNotify, useTranslate, type Identifier } from "react-admin";
import type { Template } from "@messagerie/client/types";
import type { AppDataProvider } from "../dataProvider";

/** Every template, the ticket's category first, then the most used (what an admin picks most, on top). */
export function useTemplates(categoryId: number | null | undefined): Template[] {
  const { data = [] } = useGetList<Template>("templates", { pagination: { page: 1, perPage: 500 }, sort: { field: "usageCount", order: "DESC" } });
  return [...data].sort((a, b) => Number(b.categoryId === categoryId && categoryId != null) - Number(a.categoryId === categoryId && categoryId != null) || b.usageCount - a.usageCount);
}

/** Fills a template for this ticket and puts it in the reply field (after what is there), where it stays editable. */
function useInsertTemplate(conversationId: Identifier) {
  const dataProvider = useDataProvider<AppDataProvider>();
  const { setValue, getValues, setFocus } = useFormContext();
  const notify = useNotify();
  return async (template: Template, replace = false) => {
    try {
      const { content } = await dataProvider.renderTemplate("conversations", { id: template.id, conversationId });
      const current = String(getValues("content") ?? "").trim();
      setValue("content", replace || !current ? content : `${current}\n\n${content}`, { shouldDirty: true });
      setFocus("content");
    } catch {
      notify("app.templates.failed", { type: "error" });
    }
  };
}

/** "/shortcut" followed by a space, at the start of the reply: replaced by that template. */
export const TemplateShortcut = ({ conversationId, templates }: { conversationId: Identifier; templates: Template[] }) => {
  const content: unknown = useWatch({ name: "content" });
  const insert = useInsertTemplate(conversationId);
  const done = useRef<string | null>(null);
  useEffect(() => {
    const typed = typeof content === "string" ? /^\/([a-z0-9_-]+)\s$/i.exec(content) : null;
    const template = typed && templates.find((candidate) => candidate.shortcut === typed[1].toLowerCase());
    if (!template || done.current === content) return;
    done.current = content as string;
    void insert(template, true);
  }, [content, templates, insert]);
  return null;
};

/** The "Réponses types" button: search by name, pick, and the filled text lands in the reply. */
export const TemplatePicker = ({ conversationId, templates }: { conversationId: Identifier; templates: Template[] }) => {
  const translate = useTranslate();
  const insert = useInsertTemplate(conversationId);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <Button size="small" startIcon={<ShortTextIcon />} onClick={(event) => setAnchor(event.currentTarget)} aria-haspopup="dialog">
        {translate("app.templates.pick")}
      </Button>
      <Popover open={anchor !== null} anchorEl={anchor} onClose={() => setAnchor(null)} anchorOrigin={{ vertical: "top", horizontal: "left" }} transformOrigin={{ vertical: "bottom", horizontal: "left" }}>
        <Autocomplete<Template>
          openOnFocus
          autoHighlight
          options={templates}
          getOptionLabel={(template) => (template.shortcut ? `${template.name} — /${template.shortcut}` : template.name)}
          noOptionsText={translate("app.templates.none")}
          onChange={(_event, template) => {
            setAnchor(null);
            if (template) void insert(template);
          }}
          sx={{ width: 360, p: 1 }}
          renderInput={(params) => <TextField {...params} autoFocus label={translate("app.templates.search")} />}
        />
      </Popover>
    </>
  );
};
