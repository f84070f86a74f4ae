// AdminJS's header of an action, drawn as it is; on a list, followed by the console's exports of that list as it
// is filtered and searched (every page, not only the one shown): CSV and Excel, from the server's export route.
import React from 'react';
import { Box, Button, Icon } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import { useLocation } from 'react-router';

const FORMATS = [
  { format: 'csv', label: 'ListExport.csv', icon: 'FileText' },
  { format: 'xlsx', label: 'ListExport.xlsx', icon: 'Grid' },
];

/** The export's address: the list's filters and search carried over (AdminJS keeps them in the query). */
function exportHref(location, resourceId, format) {
  const root = location.pathname.split('/resources/')[0];
  const query = new URLSearchParams();
  for (const [key, value] of new URLSearchParams(location.search)) {
    if (key.startsWith('filters.')) query.append(key, value);
  }
  query.set('format', format);
  return `${root}/export/${encodeURIComponent(resourceId)}?${query}`;
}

const ActionHeaderWithExport = (props) => {
  const { OriginalComponent, resource, action } = props;
  const location = useLocation();
  const { translateComponent } = useTranslation();
  const header = <OriginalComponent {...props} />;
  if (!resource || action?.name !== 'list') return header;
  return (
    <>
      {header}
      <Box flex flexDirection="row" style={{ gap: '8px' }} mb="lg" data-testid="list-export">
        {FORMATS.map(({ format, label, icon }) => (
          <Button
            key={format}
            as="a"
            size="sm"
            variant="outlined"
            href={exportHref(location, resource.id, format)}
            download
            data-export={format}
          >
            <Icon icon={icon} />
            {translateComponent(label)}
          </Button>
        ))}
      </Box>
    </>
  );
};

export default ActionHeaderWithExport;
