import { Skeleton } from "@mui/material";
import { lazy, Suspense } from "react";

const LazyDashboard = lazy(() => import("./Dashboard").then((module) => ({ default: module.Dashboard })));

/** The console's home, loaded when opened (the ticket list stays in the first load). */
export const Dashboard = () => (
  <Suspense fallback={<Skeleton variant="rounded" height={160} sx={{ m: 2 }} />}>
    <LazyDashboard />
  </Suspense>
);
