import DownloadIcon from "@mui/icons-material/GetApp";
import { useState } from "react";
import { Button, useDataProvider, useListContext, useNotify } from "react-admin";
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

/**
 * Downloads the filtered list, every row, as the API's CSV. The stock ExportButton would fetch at most
 * `maxResults` rows as JSON and build the file in the browser; the server streams it instead.
 */
export const ExportCsvButton = () => {
  const { filterValues, sort, total, resource } = useListContext();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const [pending, setPending] = useState(false);

  const handleClick = async () => {
    setPending(true);
    try {
      const blob = await dataProvider.exportConversations(resource, { filter: filterValues, sort });
      saveBlob(blob, `${resource}-${new Date().toISOString().slice(0, 10)}.csv`);
    } catch {
      notify("app.notification.export_error", { type: "error" });
    } finally {
      setPending(false);
    }
  };

  return (
    <Button label="ra.action.export" onClick={handleClick} disabled={pending || total === 0}>
      <DownloadIcon />
    </Button>
  );
};
