// AdminJS's sidebar pages, drawn as they are, followed by the console's tools that live outside AdminJS (pages the
// server renders on its own, such as the mail previews): plain links, so the browser loads them as whole pages
// instead of AdminJS's router looking for a page of its own.
import React from 'react';
import { Navigation } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

const MAIL_PREVIEW = '/admin/mail-preview';

const SidebarPages = (props) => {
  const { OriginalComponent } = props;
  const { translateComponent } = useTranslation();
  return (
    <>
      <OriginalComponent {...props} />
      <Navigation
        label={translateComponent('ConsoleTools.title')}
        elements={[
          {
            id: 'mail-preview',
            label: translateComponent('ConsoleTools.mailPreviews'),
            href: MAIL_PREVIEW,
            icon: 'Mail',
          },
        ]}
      />
    </>
  );
};

export default SidebarPages;
