import DownloadIcon from "@mui/icons-material/GetApp";
import { useState } from "react";
import { Menu, MenuItem } from "@mui/material";
import { Button, useDataProvider, useListContext, useNotify, useTranslate } from "react-admin";
import type { AppDataProvider } from "../dataProvider";

const saveBlob = (blob: Blob, filename: string) => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
};

type Format = "csv" | "excel-fr";

/**
 * Downloads the filtered list, every row, as the API's CSV — standard, or for French Excel (`;`, French headers and
 * values, Paris time). The stock ExportButton would fetch at most `maxResults` rows as JSON and build the file in
 * the browser; the server streams it instead.
 */
export const ExportCsvButton = () => {
  const { filterValues, sort, total, resource } = useListContext();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const translate = useTranslate();
  const [pending, setPending] = useState(false);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);

  const download = async (format: Format) => {
    setAnchor(null);
    setPending(true);
    try {
      const blob = await dataProvider.exportConversations(resource, { filter: filterValues, sort, format });
      saveBlob(blob, `${resource}-${new Date().toISOString().slice(0, 10)}${format === "csv" ? "" : `-${format}`}.csv`);
    } catch {
      notify("app.notification.export_error", { type: "error" });
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Button label="ra.action.export" onClick={(event) => setAnchor(event.currentTarget)} disabled={pending || total === 0} aria-haspopup="menu">
        <DownloadIcon />
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => void download("csv")}>{translate("app.export.csv")}</MenuItem>
        <MenuItem onClick={() => void download("excel-fr")}>{translate("app.export.excel_fr")}</MenuItem>
      </Menu>
    </>
  );
};
