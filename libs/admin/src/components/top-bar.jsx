// AdminJS's own top bar, drawn as it is (its language menu included), with one addition: the language chosen in
// that menu is saved to the account (POST /admin/account/language), then the page is drawn again by the server,
// whose texts (the dashboard, every action's screen) and AdminJS's locale setting now speak the new language on
// any browser the account logs in from. Nothing is kept in the browser (see ../translations.ts).
import React, { useEffect } from 'react';
import { useNotice, useTranslation } from 'adminjs';
import { watchControls } from './accessible-names';

const ACCOUNT_LANGUAGE = '/admin/account/language';

// The session's CSRF token, which every write under /admin carries (AdminJS's axios sends it by itself).
const csrfToken = () => {
  const found = /(?:^|;\s*)XSRF-TOKEN=([^;]*)/.exec(document.cookie);
  return found ? decodeURIComponent(found[1]) : '';
};

const saveLanguage = (language) =>
  fetch(ACCOUNT_LANGUAGE, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-xsrf-token': csrfToken() },
    body: JSON.stringify({ language }),
  }).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  });

const TopBar = (props) => {
  const { OriginalComponent } = props;
  const { i18n, translateComponent } = useTranslation();
  const addNotice = useNotice();
  useEffect(() => {
    // The account's language, as the server set it for this page (AdminJS's `locale.lng`).
    const accountLanguage = i18n.options.lng;
    const chosen = (language) => {
      if (!language || language === accountLanguage) return;
      saveLanguage(language)
        .then(() => window.location.reload())
        .catch((error) => {
          i18n.changeLanguage(accountLanguage);
          addNotice({
            message: translateComponent('ConsoleView.languageNotSaved', { error: error.message }),
            type: 'error',
          });
        });
    };
    i18n.on('languageChanged', chosen);
    return () => i18n.off('languageChanged', chosen);
  }, [i18n]);
  // The top bar is on every page behind the login: it names the controls AdminJS leaves unnamed.
  useEffect(() => watchControls((key) => translateComponent(key)), [translateComponent]);
  return <OriginalComponent {...props} />;
};

export default TopBar;
