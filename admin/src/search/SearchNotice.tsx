import { Alert } from "@mui/material";
import { useListContext, useTranslate } from "react-admin";

/** When a search found nothing as typed and its corrected spelling did, the list says what it shows. */
export const SearchNotice = () => {
  const { meta, filterValues } = useListContext();
  const translate = useTranslate();
  const corrected: string | undefined = meta?.corrected;
  if (!corrected || !filterValues.q) return null;
  return (
    <Alert severity="info" sx={{ mx: 2, my: 1 }}>
      {translate("app.search.corrected", { typed: filterValues.q, corrected })}
    </Alert>
  );
};
