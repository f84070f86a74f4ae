// One component for every console action: the server describes the screen (GET), the form is sent back (POST)
// and the server answers with the next screen (a warning to confirm, an error, or the result). A search form
// (`method: 'get'`), a page link or a link in a table reads the screen again with other parameters (GET).
import React, { useEffect, useState } from 'react';
import { Box, Loader } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';
import { ConsoleView, messageOf, valuesOf } from './console-view';

const api = new ApiClient();

const ConsoleAction = ({ resource, record, action }) => {
  const [view, setView] = useState(null);
  const [values, setValues] = useState({});
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const { translateComponent: tc } = useTranslation();

  const call = (data, params) => {
    const target = { resourceId: resource.id, actionName: action.name, data, params };
    return record ? api.recordAction({ ...target, recordId: record.id }) : api.resourceAction(target);
  };

  const show = (next) => {
    setView(next);
    setValues(valuesOf(next));
  };

  const read = (params) => {
    setBusy(true);
    return call(undefined, params)
      .then((response) =>
        show(response.data.console || { title: action.label, errors: [tc('ConsoleView.noAnswer')] }),
      )
      .catch((error) =>
        // A failed read keeps what was on the screen (the search form too) and says why.
        setView((current) => ({ ...(current || { title: action.label }), errors: [messageOf(error, tc)] })),
      )
      .finally(() => setBusy(false));
  };

  useEffect(() => {
    read();
  }, [record && record.id, action.name]);

  const onSubmit = (event) => {
    event.preventDefault();
    if (view.form && view.form.method === 'get') {
      read({ ...values });
      return;
    }
    setBusy(true);
    call({ ...values })
      .then((response) => {
        if (response.data.notice && response.data.notice.message) addNotice(response.data.notice);
        show(response.data.console || view);
      })
      .catch((error) => setView({ ...view, errors: [messageOf(error, tc)] }))
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
        onQuery={read}
      />
    </Box>
  );
};

export default ConsoleAction;
