import fs from 'node:fs';
import { productionBundles, withoutOutsideStylesheets } from './console-frontend';

describe('the console frontend', () => {
  it('serves AdminJS’s three production bundles, each a file that exists and is not a development build', () => {
    const bundles = productionBundles();
    expect(Object.keys(bundles).sort()).toEqual([
      '/frontend/assets/app.bundle.js',
      '/frontend/assets/design-system.bundle.js',
      '/frontend/assets/global.bundle.js',
    ]);
    for (const file of Object.values(bundles)) {
      expect(file).toMatch(/production\.js$/);
      expect(fs.existsSync(file)).toBe(true);
    }
  });

  it('drops stylesheet links to other hosts from a page and keeps its own', () => {
    const page = [
      '<head>',
      '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto:300" type="text/css">',
      '<link rel="stylesheet" href="//cdn.example.org/x.css">',
      '<link rel="stylesheet" type="text/css" href="/admin/frontend/assets/console.css">',
      '</head>',
    ].join('\n');
    const kept = withoutOutsideStylesheets(page);
    expect(kept).not.toContain('googleapis');
    expect(kept).not.toContain('cdn.example.org');
    expect(kept).toContain('/admin/frontend/assets/console.css');
  });
});
