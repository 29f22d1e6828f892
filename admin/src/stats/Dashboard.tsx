import { Alert, Box, Card, CardContent, Link as MuiLink, Skeleton, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useMemo, useState, type ReactNode } from "react";
import { Title, useDataProvider, useLocaleState, useTranslate } from "react-admin";
import { Link } from "react-router-dom";
import type { DurationSummary, Stats } from "@messagerie/client/types";
import type { AppDataProvider } from "../dataProvider";
import { formatDuration, rangeOf, ticketListUrl, type RangeChoice } from "./durations";
import { WorkTable } from "./WorkTable";

// The charts library weighs more than the rest of the dashboard: it loads once the figures are there.
const StatsCharts = lazy(() => import("./StatsCharts"));
const DAY_MS = 86_400_000;

/** The console's home: how fast the team answers, what waits, and whether pros are satisfied. */
export function Dashboard() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<AppDataProvider>();
  const [choice, setChoice] = useState<RangeChoice>(30);
  const [custom, setCustom] = useState({ from: "", to: "" });
  // The range is fixed when chosen, so that refetches (and the query key) do not move with every render.
  const [chosenAt, setChosenAt] = useState(() => new Date());
  const range = useMemo(() => rangeOf(choice, custom, chosenAt), [choice, custom, chosenAt]);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const stats = useQuery({
    queryKey: ["stats", range],
    queryFn: () => dataProvider.getStats("stats", range!),
    enabled: range !== null,
  });
  const interval = range && new Date(range.to).getTime() - new Date(range.from).getTime() > 120 * DAY_MS ? "week" : "day";
  const series = useQuery({
    queryKey: ["stats-timeseries", range, interval, timeZone],
    queryFn: () => dataProvider.getStatsTimeseries("stats", { ...range!, interval, timeZone }),
    enabled: range !== null,
  });
  const duration = (seconds: number | null) => (seconds === null ? "—" : formatDuration(seconds, translate, locale));

  return (
    <Box sx={{ p: { xs: 1, sm: 2 }, display: "grid", gap: 2, minWidth: 0 }}>
      <Title title="app.dashboard.title" />
      <Typography variant="h5" component="h1">
        {translate("app.dashboard.title")}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ flexWrap: "wrap", alignItems: "center", rowGap: 1 }}>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={choice}
          aria-label={translate("app.dashboard.range")}
          // MUI's grey on the page's background reads 4.45:1: the periods not chosen are written in the text colour.
          sx={{ "& .MuiToggleButton-root:not(.Mui-selected)": { color: "text.primary" } }}
          onChange={(_event, value: RangeChoice | null) => {
            if (value === null) return;
            setChoice(value);
            setChosenAt(new Date());
          }}
        >
          {([7, 30, 90] as const).map((days) => (
            <ToggleButton key={days} value={days}>
              {translate("app.dashboard.days", { n: days })}
            </ToggleButton>
          ))}
          <ToggleButton value="custom">{translate("app.dashboard.custom")}</ToggleButton>
        </ToggleButtonGroup>
        {choice === "custom" && (
          <>
            <TextField size="small" type="date" label={translate("app.dashboard.from")} value={custom.from}
              onChange={(event) => setCustom((previous) => ({ ...previous, from: event.target.value }))} slotProps={{ inputLabel: { shrink: true } }} />
            <TextField size="small" type="date" label={translate("app.dashboard.to")} value={custom.to}
              onChange={(event) => setCustom((previous) => ({ ...previous, to: event.target.value }))} slotProps={{ inputLabel: { shrink: true } }} />
          </>
        )}
      </Stack>

      {stats.isError && <Alert severity="error">{translate("app.dashboard.load_error")}</Alert>}
      {stats.data ? <Figures stats={stats.data} duration={duration} /> : !stats.isError && <Skeleton variant="rounded" height={160} />}
      {stats.data && series.data && (
        <Suspense fallback={<Skeleton variant="rounded" height={320} />}>
          <StatsCharts stats={stats.data} series={series.data} interval={interval} />
        </Suspense>
      )}
      {stats.data && <WorkTable stats={stats.data} duration={duration} />}
    </Box>
  );
}

function Figures({ stats, duration }: { stats: Stats; duration: (seconds: number | null) => string }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { backlog, satisfaction } = stats;
  const dayAgo = new Date(Date.now() - DAY_MS).toISOString();
  const percent = (rate: number) => rate.toLocaleString(locale, { style: "percent", maximumFractionDigits: 0 });
  return (
    <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: "repeat(auto-fill, minmax(220px, 1fr))" }}>
      <DurationCard label="app.dashboard.first_response" summary={stats.firstResponse} duration={duration} unit="app.dashboard.measured" />
      <DurationCard label="app.dashboard.response" summary={stats.response} duration={duration} unit="app.dashboard.measured_replies" />
      <DurationCard label="app.dashboard.resolution" summary={stats.resolution} duration={duration} unit="app.dashboard.measured" />
      <Kpi label={translate("app.dashboard.satisfaction")}
        value={satisfaction.average === null ? "—" : translate("app.dashboard.average_score", { value: satisfaction.average.toLocaleString(locale, { maximumFractionDigits: 1 }) })}>
        {satisfaction.count > 0
          ? translate("app.dashboard.ratings", { smart_count: satisfaction.count, rate: percent(satisfaction.responseRate ?? 0) })
          : translate("app.dashboard.none")}
      </Kpi>
      <Kpi label={translate("app.dashboard.backlog")} value={String(backlog.waitingOnAdmin.total)}
        link={ticketListUrl({ waitingOn: "ADMIN" })} linkLabel={translate("app.dashboard.waiting_admin")}>
        <Stack component="ul" sx={{ m: 0, p: 0, listStyle: "none" }}>
          <li>
            <MuiLink component={Link} to={ticketListUrl({ waitingOn: "ADMIN", waitingSince_lte: dayAgo })}>
              {translate("app.dashboard.labelled", { label: translate("app.dashboard.over_24h"), n: backlog.waitingOnAdmin.over24h })}
            </MuiLink>
          </li>
          <li>
            <MuiLink component={Link} to={ticketListUrl({ assigned: "none" })}>
              {translate("app.dashboard.labelled", { label: translate("app.dashboard.unassigned"), n: backlog.unassigned })}
            </MuiLink>
          </li>
          <li>
            <MuiLink component={Link} to={ticketListUrl({ waitingOn: "PROFESSIONAL" })}>
              {translate("app.dashboard.labelled", { label: translate("app.dashboard.waiting_pro"), n: backlog.waitingOnProfessional })}
            </MuiLink>
          </li>
          <li>
            <MuiLink component={Link} to={ticketListUrl({})}>
              {translate("app.dashboard.labelled", { label: translate("app.dashboard.open"), n: backlog.open })}
            </MuiLink>
          </li>
        </Stack>
      </Kpi>
    </Box>
  );
}

export function DurationCard({ label, summary, duration, unit }: { label: string; summary: DurationSummary; duration: (seconds: number | null) => string; unit: string }) {
  const translate = useTranslate();
  if (summary.count === 0) return <Kpi label={translate(label)} value="—">{translate("app.dashboard.none")}</Kpi>;
  return (
    <Kpi label={translate(label)} value={duration(summary.median)} caption={translate("app.dashboard.median")}>
      {/* "9 sur 10" says something of ten tickets or more; below, the count alone. */}
      {summary.count >= 10 && (
        <>
          <span>{translate("app.dashboard.p90", { value: duration(summary.p90) })}</span>
          <br />
        </>
      )}
      <span>{translate(unit, { smart_count: summary.count })}</span>
      {summary.business && (
        <>
          <br />
          <span>{translate("app.dashboard.business", { value: duration(summary.business.median) })}</span>
        </>
      )}
    </Kpi>
  );
}

interface KpiProps {
  label: string;
  value: string;
  caption?: string;
  link?: string;
  linkLabel?: string;
  children?: ReactNode;
}

/** One figure: its name, the number (a link to the tickets it counts, where it is a set of tickets), and what it rests on. */
function Kpi({ label, value, caption, link, linkLabel, children }: KpiProps) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" component="section" aria-label={label}>
      <CardContent>
        <Typography variant="subtitle2" component="h2" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h4" component="p" sx={{ my: 0.5 }}>
          {link ? (
            <MuiLink component={Link} to={link} underline="hover" aria-label={translate("app.dashboard.labelled", { label: linkLabel ?? label, n: value })}>
              {value}
            </MuiLink>
          ) : (
            value
          )}
          {caption && (
            <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
              {caption}
            </Typography>
          )}
        </Typography>
        <Typography variant="body2" color="text.secondary" component="div">
          {children}
        </Typography>
      </CardContent>
    </Card>
  );
}
