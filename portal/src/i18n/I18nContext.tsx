import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { en } from "./en.ts";
import { fr, type Messages } from "./fr.ts";

export type Locale = "fr" | "en";
export const LOCALES: Locale[] = ["fr", "en"];
const LOCALE_KEY = "messagerie.locale";

// Date formats (date-fns' locales) live in dates.ts, loaded with the screens that show dates, not with the login page.
const dictionaries: Record<Locale, Messages> = { fr, en };

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Messages;
}

const I18nContext = createContext<I18n | null>(null);

const isLocale = (value: unknown): value is Locale => value === "fr" || value === "en";

function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(LOCALE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** French unless the user chose English (remembered) or the host passes `locale`. */
export function I18nProvider({ locale: initial, children }: { locale?: Locale; children: ReactNode }) {
  const [locale, setState] = useState<Locale>(() => initial ?? storedLocale() ?? "fr");
  const setLocale = useCallback((next: Locale) => {
    setState(next);
    try {
      localStorage.setItem(LOCALE_KEY, next);
    } catch {
      // Storage may be unavailable in an embedding iframe; the choice then lasts for the page.
    }
  }, []);
  const value = useMemo(
    () => ({ locale, setLocale, t: dictionaries[locale] }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useI18n must be used inside <I18nProvider>");
  return i18n;
}
