import { Tooltip, Typography, type TypographyProps } from "@mui/material";
import { format, formatDistanceToNow } from "date-fns";
import { useFieldValue } from "react-admin";
import { useDateLocale } from "./dateLocale";

/** "il y a 5 minutes", with the exact date and time on hover. */
export const RelativeDate = ({ date, ...rest }: { date: string | Date } & TypographyProps) => {
  const locale = useDateLocale();
  const value = new Date(date);
  return (
    <Tooltip title={format(value, "PPPp", { locale })}>
      <Typography component="time" variant="body2" dateTime={value.toISOString()} noWrap {...rest}>
        {formatDistanceToNow(value, { addSuffix: true, locale })}
      </Typography>
    </Tooltip>
  );
};

interface DateFieldProps {
  source: string;
  label?: string;
}

/** The record's date at `source`, relative (for lists). */
export const RelativeDateField = ({ source }: DateFieldProps) => {
  const value: unknown = useFieldValue({ source });
  return typeof value === "string" ? <RelativeDate date={value} /> : null;
};

/** The record's date at `source` as a short day ("24 nov."), the full date and time on hover. */
export const ShortDateField = ({ source }: DateFieldProps) => {
  const value: unknown = useFieldValue({ source });
  const locale = useDateLocale();
  if (typeof value !== "string") return null;
  const date = new Date(value);
  return (
    <Tooltip title={format(date, "PPPp", { locale })}>
      <Typography component="time" variant="body2" dateTime={value} noWrap>
        {format(date, date.getFullYear() === new Date().getFullYear() ? "d MMM" : "d MMM yyyy", { locale })}
      </Typography>
    </Tooltip>
  );
};

/** The record's date at `source` in full, in the console's language, e.g. "10 mai 2024, 14:05". */
export const DateTimeField = ({ source }: DateFieldProps) => {
  const value: unknown = useFieldValue({ source });
  const locale = useDateLocale();
  if (typeof value !== "string") return null;
  return (
    <Typography component="time" variant="body2" dateTime={value}>
      {format(new Date(value), "PPp", { locale })}
    </Typography>
  );
};
