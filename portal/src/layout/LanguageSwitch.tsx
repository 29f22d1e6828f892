import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import { LOCALES, useI18n, type Locale } from "../i18n/I18nContext.tsx";
import { useApiIfAny } from "../api/ApiContext.tsx";

const NAMES: Record<Locale, { short: string; name: string }> = {
  fr: { short: "FR", name: "Français" },
  en: { short: "EN", name: "English" },
};

/** FR | EN, each button named in its own language so either reader finds his (the name holds the visible code). */
export function LanguageSwitch({ onDark = false }: { onDark?: boolean }) {
  const { locale, setLocale: show, t } = useI18n();
  // Signed in, the choice is his emails' language too.
  const client = useApiIfAny();
  const setLocale = (next: Locale) => {
    show(next);
    void client?.updatePreferences({ language: next }).catch(() => undefined);
  };
  return (
    <ToggleButtonGroup
      value={locale}
      exclusive
      size="small"
      aria-label={t.app.language}
      onChange={(_event, next: Locale | null) => next && setLocale(next)}
      sx={
        onDark
          ? {
              "& .MuiToggleButton-root": { color: "common.white", borderColor: "rgba(255,255,255,0.5)" },
              // A dark blue on white whatever the scheme (the dark scheme's light primary would not read on it).
              "& .MuiToggleButton-root.Mui-selected": { color: "#0d47a1", bgcolor: "common.white" },
              "& .MuiToggleButton-root.Mui-selected:hover": { bgcolor: "grey.100" },
            }
          : undefined
      }
    >
      {LOCALES.map((value) => (
        <ToggleButton key={value} value={value} lang={value} aria-label={`${NAMES[value].name}, ${NAMES[value].short}`} sx={{ py: 0.25, px: 1 }}>
          {NAMES[value].short}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
