import { Alert, Button } from "@mui/material";
import { useListContext, useTranslate } from "react-admin";

/**
 * What a search that found nothing as typed did: its corrected spelling found something (the list says what it
 * shows), or a close word would (the list says it found nothing and offers it: "Vouliez-vous dire…").
 */
export const SearchNotice = () => {
  const { meta, filterValues, setFilters, displayedFilters } = useListContext();
  const translate = useTranslate();
  const corrected: string | undefined = meta?.corrected;
  const suggested: string | undefined = meta?.suggested;
  if (!filterValues.q) return null;
  if (corrected) {
    return (
      <Alert severity="info" sx={{ mx: 2, my: 1 }}>
        {translate("app.search.corrected", { typed: filterValues.q, corrected })}
      </Alert>
    );
  }
  if (!suggested) return null;
  return (
    <Alert
      severity="info"
      role="status"
      sx={{ mx: 2, my: 1 }}
      action={
        <Button color="inherit" size="small" sx={{ textTransform: "none" }} onClick={() => setFilters({ ...filterValues, q: suggested }, displayedFilters)}>
          {translate("app.search.suggested", { suggested })}
        </Button>
      }
    >
      {translate("app.search.no_results", { typed: filterValues.q })}
    </Alert>
  );
};
