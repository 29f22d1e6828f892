import { Divider, Tab, Tabs } from "@mui/material";
import { useGetList, useListContext, useTranslate } from "react-admin";
import { filtersForTab, sortForTab, tabOf, TICKET_TABS, type TicketTab } from "./conversationModel";

const TabLabel = ({ tab }: { tab: TicketTab }) => {
  const translate = useTranslate();
  const { filterValues } = useListContext();
  // perPage 1: only the total is wanted.
  const { total } = useGetList("conversations", {
    filter: filtersForTab(filterValues, tab),
    pagination: { page: 1, perPage: 1 },
  });
  const label = translate(`app.tabs.${tab}`);
  return <>{total === undefined ? label : `${label} (${total})`}</>;
};

/** Quick tabs (Ouverts, Mes tickets, Non assignés, À traiter…), with counts that follow the other filters. */
export const TicketTabs = () => {
  const translate = useTranslate();
  const { filterValues, displayedFilters, setFilters, setSort } = useListContext();
  return (
    <>
      <Tabs
        value={tabOf(filterValues)}
        onChange={(_event, tab: TicketTab) => {
          setFilters(filtersForTab(filterValues, tab), displayedFilters);
          setSort(sortForTab(tab));
        }}
        aria-label={translate("app.tabs.label")}
        variant="scrollable"
      >
        {TICKET_TABS.map((tab) => (
          <Tab key={tab} value={tab} label={<TabLabel tab={tab} />} />
        ))}
      </Tabs>
      <Divider />
    </>
  );
};
