import { Card, CardContent, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import type { Stats, WorkFigures } from "@messagerie/client/types";

type Row = { key: string; name: string } & WorkFigures;

/** Replies, median response and closings per admin, per category and per priority. */
export function WorkTable({ stats, duration }: { stats: Stats; duration: (seconds: number | null) => string }) {
  const translate = useTranslate();
  const tables: Array<{ title: string; column: string; rows: Row[] }> = [
    {
      title: "app.dashboard.per_admin",
      column: "app.dashboard.admin",
      rows: stats.perAdmin.map((row) => ({ ...row, key: String(row.adminId) })),
    },
    {
      title: "app.dashboard.per_category",
      column: "app.dashboard.category",
      rows: stats.perCategory.map((row) => ({ ...row, key: String(row.categoryId), name: row.name ?? translate("app.dashboard.no_category") })),
    },
    {
      title: "app.dashboard.per_priority",
      column: "resources.conversations.fields.priority",
      rows: stats.perPriority.map((row) => ({ ...row, key: row.priority, name: translate(`app.priority.${row.priority}`) })),
    },
  ];
  return (
    <>
      {tables.map(({ title, column, rows }) => (
        <Card key={title} variant="outlined" component="section" aria-label={translate(title)}>
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>
              {translate(title)}
            </Typography>
            {rows.length === 0 ? (
              <Typography color="text.secondary">{translate("app.dashboard.nobody")}</Typography>
            ) : (
              <TableContainer>
                <Table size="small">
                  <TableHead>
                    <TableRow>
                      <TableCell>{translate(column)}</TableCell>
                      <TableCell align="right">{translate("app.dashboard.replies")}</TableCell>
                      <TableCell align="right">{translate("app.dashboard.median_response")}</TableCell>
                      <TableCell align="right">{translate("app.dashboard.closed_count")}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {rows.map((row) => (
                      <TableRow key={row.key}>
                        <TableCell component="th" scope="row">{row.name}</TableCell>
                        <TableCell align="right">{row.replies}</TableCell>
                        <TableCell align="right">{duration(row.medianResponse)}</TableCell>
                        <TableCell align="right">{row.closed}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
            )}
          </CardContent>
        </Card>
      ))}
    </>
  );
}
