// A bulk action on the entities selected in a list: the server describes the form (GET) and, once sent (POST),
// the summary of what was done and refused for each entity (see ../bulk-action.ts).
import React, { useEffect, useState } from 'react';
import { Box, Loader } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';
import { ConsoleView, messageOf, valuesOf } from './console-view';

const api = new ApiClient();

const ConsoleBulkAction = ({ resource, records, action }) => {
  const [view, setView] = useState(null);
  const [values, setValues] = useState({});
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const { translateComponent: tc } = useTranslation();
  const recordIds = (records || []).map((r) => r.id);

  const call = (data) =>
    api.bulkAction({
      resourceId: resource.id,
      actionName: action.name,
      recordIds,
      ...(data ? { data } : {}),
    });

  const show = (next) => {
    setView(next);
    setValues(valuesOf(next));
  };

  useEffect(() => {
    call()
      .then((response) =>
        show(response.data.console || { title: action.label, errors: [tc('ConsoleView.noAnswer')] }),
      )
      .catch((error) => setView({ title: action.label, errors: [messageOf(error, tc)] }));
  }, [recordIds.join(','), action.name]);

  const onSubmit = (event) => {
    event.preventDefault();
    setBusy(true);
    call({ ...values })
      .then((response) => {
        const next = response.data.console || view;
        if (next.success) addNotice({ message: next.success, type: 'success' });
        show(next);
      })
      .catch((error) => setView({ ...view, errors: [messageOf(error, tc)] }))
      .finally(() => setBusy(false));
  };

  if (!view) return <Loader />;
  return (
    <Box data-testid="bulk-action">
      <ConsoleView
        view={view}
        values={values}
        busy={busy}
        onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
        onSubmit={onSubmit}
      />
    </Box>
  );
};

export default ConsoleBulkAction;
