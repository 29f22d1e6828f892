import { Box, Card, CardContent, Typography } from "@mui/material";
import { BarChart } from "@mui/x-charts/BarChart";
import { LineChart } from "@mui/x-charts/LineChart";
import type { ReactNode } from "react";
import { useLocaleState, useTranslate } from "react-admin";
import type { Stats, StatsBucket } from "@messagerie/client/types";

const HEIGHT = 260;

/**
 * The dashboard's charts (loaded lazily: @mui/x-charts is the heaviest part of the console). Counts sit on integer
 * axes in the console's number format; the response trend is in hours, as the cards are, its points joined by
 * straight lines and a day without replies left a gap (a smoothed or bridged line would invent values).
 */
export default function StatsCharts({ stats, series, interval }: { stats: Stats; series: StatsBucket[]; interval: "day" | "week" | "month" }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const labels = series.map((bucket) =>
    new Date(bucket.start).toLocaleDateString(locale, interval === "month" ? { month: "short", year: "numeric" } : { day: "numeric", month: "short" }),
  );
  const hours = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 3600) * 10) / 10);
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const tenths = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const countAxis = [{ tickMinStep: 1, valueFormatter: (value: number) => whole.format(value) }];
  const countSeries = { valueFormatter: (value: number | null) => (value === null ? "" : whole.format(value)) };
  const ages = ["under1h", "from1to4h", "from4to24h", "over24h"] as const;
  const categories = stats.perCategory.slice(0, 8);
  return (
    <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "1fr 1fr" }, minWidth: 0 }}>
      <Chart title={translate("app.dashboard.volume")}>
        <BarChart
          height={HEIGHT}
          xAxis={[{ scaleType: "band", data: labels }]}
          yAxis={countAxis}
          series={[
            { data: series.map((bucket) => bucket.created), label: translate("app.dashboard.created"), ...countSeries },
            { data: series.map((bucket) => bucket.closed), label: translate("app.dashboard.closed"), ...countSeries },
          ]}
        />
      </Chart>
      <Chart title={translate("app.dashboard.response_trend")}>
        <LineChart
          height={HEIGHT}
          xAxis={[{ scaleType: "point", data: labels }]}
          yAxis={[{ valueFormatter: (value: number) => tenths.format(value) }]}
          series={[
            {
              data: series.map((bucket) => hours(bucket.medianResponse)),
              label: translate("app.dashboard.hours"),
              curve: "linear",
              valueFormatter: (value: number | null) => (value === null ? "" : `${tenths.format(value)} h`),
            },
          ]}
        />
      </Chart>
      <Chart title={translate("app.dashboard.backlog_by_age")}>
        <BarChart
          height={HEIGHT}
          xAxis={[{ scaleType: "band", data: ages.map((age) => translate(`app.dashboard.age.${age}`)) }]}
          yAxis={countAxis}
          series={[{ data: ages.map((age) => stats.backlog.waitingOnAdmin[age]), label: translate("app.dashboard.waiting_admin"), ...countSeries }]}
        />
      </Chart>
      <Chart title={translate("app.dashboard.per_category")}>
        <BarChart
          height={HEIGHT}
          layout="horizontal"
          yAxis={[{ scaleType: "band", data: categories.map((row) => row.name ?? translate("app.dashboard.no_category")), width: 120 }]}
          xAxis={countAxis}
          series={[{ data: categories.map((row) => row.replies), label: translate("app.dashboard.replies"), ...countSeries }]}
        />
      </Chart>
    </Box>
  );
}

function Chart({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card variant="outlined" component="section" aria-label={title} sx={{ minWidth: 0 }}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}
