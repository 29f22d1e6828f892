import { enUS, fr, type Locale } from "date-fns/locale";
import { useLocaleState } from "react-admin";

const DATE_LOCALES: Record<string, Locale> = { fr, en: enUS };

/** The date-fns locale matching the console's current language. */
export const useDateLocale = (): Locale => {
  const [locale] = useLocaleState();
  return DATE_LOCALES[locale] ?? fr;
};
