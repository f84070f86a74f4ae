// The console's home: the year's progress as the server computes it (see ../dashboard.ts), its charts, and the
// lagging entities' one-click "Remind now".
import React, { useEffect, useState } from 'react';
import { Box, Loader } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';
import { ConsoleView, messageOf } from './console-view';
import { DashboardCharts } from './dashboard-charts';

const api = new ApiClient();

const Dashboard = () => {
  const [view, setView] = useState(null);
  const [year, setYear] = useState('');
  const [reload, setReload] = useState(0);
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const { translateComponent: tc } = useTranslation();

  useEffect(() => {
    api
      .getDashboard({ params: year ? { year } : {} })
      .then((response) => setView(response.data))
      .catch((error) => setView({ title: tc('Dashboard.title'), errors: [messageOf(error, tc)] }));
  }, [year, reload]);

  // A lagging entity's "Remind now" (the only query link the dashboard carries): posted to the remindNow action,
  // which says what was sent or why it was refused (once a day at most), then the figures are read again.
  const remind = (query) => {
    if (!query.remind) return;
    setBusy(true);
    addNotice({ message: tc('Dashboard.reminding'), type: 'info' });
    api
      .resourceAction({
        resourceId: 'EntityWorkflow',
        actionName: 'remindNow',
        data: { code: query.remind, year: query.year },
      })
      .then((response) => {
        const answer = response.data.console || {};
        const refused = (answer.errors || []).join(' ');
        addNotice({ message: refused || answer.success, type: refused ? 'error' : 'success' });
        setReload((n) => n + 1);
      })
      .catch((error) => addNotice({ message: messageOf(error, tc), type: 'error' }))
      .finally(() => setBusy(false));
  };

  if (!view) return <Loader />;
  return (
    <Box p="xl" data-testid="dashboard">
      {(view.years || []).length > 1 ? (
        <Box mb="lg">
          <label htmlFor="dashboard-year">{tc('Dashboard.year')} </label>
          <select id="dashboard-year" value={view.year || ''} onChange={(e) => setYear(e.target.value)}>
            {view.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </Box>
      ) : null}
      <DashboardCharts charts={view.charts} />
      <ConsoleView
        view={view}
        values={{}}
        busy={busy}
        onChange={() => undefined}
        onSubmit={() => undefined}
        onQuery={busy ? undefined : remind}
      />
    </Box>
  );
};

export default Dashboard;
