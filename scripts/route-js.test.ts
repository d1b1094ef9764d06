import { describe, expect, it } from 'vitest';

import { routeFiles } from './route-js.mjs';

const build = { rootMainFiles: ['main.js', 'react.js'], polyfillFiles: ['polyfills.js'] };
const client = {
  entryJSFiles: {
    '[project]/app/layout': ['main.js', 'layout.js'],
    '[project]/app/dashboard/error': ['error.js'],
    '[project]/app/dashboard/page': ['layout.js', 'dashboard.js'],
    '[project]/app/dashboard/usage/page': ['usage.js'],
  },
};

describe('routeFiles', () => {
  it('counts the framework, the layouts, error boundaries and the page along the route, each file once', () => {
    expect(routeFiles('/dashboard', build, client)).toEqual([
      'main.js',
      'react.js',
      'layout.js',
      'error.js',
      'dashboard.js',
    ]);
    expect(routeFiles('/dashboard/usage', build, client)).toEqual([
      'main.js',
      'react.js',
      'layout.js',
      'error.js',
      'usage.js',
    ]);
  });

  it('leaves out the polyfills, which only browsers without modules load', () => {
    expect(routeFiles('/', build, client)).not.toContain('polyfills.js');
  });
});
