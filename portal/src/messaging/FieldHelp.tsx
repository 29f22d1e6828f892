import Box from "@mui/material/Box";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/I18nContext.tsx";

/** A field's helper line: the error or a hint on the left, the character counter on the right. */
export function FieldHelp({ message, length, max }: { message?: ReactNode; length: number; max: number }) {
  const { t } = useI18n();
  return (
    <Box component="span" sx={{ display: "flex", justifyContent: "space-between", gap: 2 }}>
      <span>{message}</span>
      <Box component="span" sx={{ whiteSpace: "nowrap" }}>
        {t.form.counter(length, max)}
      </Box>
    </Box>
  );
}
