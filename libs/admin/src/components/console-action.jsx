// One component for every console action: the server describes the screen (GET), the form is sent back (POST)
// and the server answers with the next screen (a warning to confirm, an error, or the result).
import React, { useEffect, useState } from 'react';
import { Box, Loader } from '@adminjs/design-system';
import { ApiClient, useNotice } from 'adminjs';
import { ConsoleView, messageOf, valuesOf } from './console-view';

const api = new ApiClient();

const ConsoleAction = ({ resource, record, action }) => {
  const [view, setView] = useState(null);
  const [values, setValues] = useState({});
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();

  const call = (data) =>
    record
      ? api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data })
      : api.resourceAction({ resourceId: resource.id, actionName: action.name, data });

  const show = (next) => {
    setView(next);
    setValues(valuesOf(next));
  };

  useEffect(() => {
    call()
      .then((response) => show(response.data.console || { title: action.label, errors: ['No answer.'] }))
      .catch((error) => show({ title: action.label, errors: [messageOf(error)] }));
  }, [record && record.id, action.name]);

  const onSubmit = (event) => {
    event.preventDefault();
    setBusy(true);
    call({ ...values })
      .then((response) => {
        if (response.data.notice && response.data.notice.message) addNotice(response.data.notice);
        show(response.data.console || view);
      })
      .catch((error) => setView({ ...view, errors: [messageOf(error)] }))
      .finally(() => setBusy(false));
  };

  if (!view) return <Loader />;
  return (
    <Box>
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

export default ConsoleAction;
