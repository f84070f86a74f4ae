// The console's home: the year's progress as the server computes it (see ../dashboard.ts).
import React, { useEffect, useState } from 'react';
import { Box, Loader } from '@adminjs/design-system';
import { ApiClient, useTranslation } from 'adminjs';
import { ConsoleView, messageOf } from './console-view';

const api = new ApiClient();

const Dashboard = () => {
  const [view, setView] = useState(null);
  const [year, setYear] = useState('');
  const { translateComponent: tc } = useTranslation();

  useEffect(() => {
    setView(null);
    api
      .getDashboard({ params: year ? { year } : {} })
      .then((response) => setView(response.data))
      .catch((error) => setView({ title: tc('Dashboard.title'), errors: [messageOf(error, tc)] }));
  }, [year]);

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
      <ConsoleView view={view} values={{}} onChange={() => undefined} onSubmit={() => undefined} />
    </Box>
  );
};

export default Dashboard;
