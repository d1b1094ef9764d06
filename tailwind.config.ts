import type { Config } from 'tailwindcss';

// Tailwind 4 reads its theme from CSS; this file is loaded by `@config` in
// app/globals.css and keeps the project's design tokens in one typed place.
const config: Config = {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  theme: {
    extend: {
      // The platform's own interface font first (San Francisco, Segoe UI,
      // Roboto, the desktop's font on Linux): the browser finds it at the
      // first name, where Tailwind's longer list has it look up and miss up
      // to six families for every size and weight on a page before it lays
      // text out (docs/dashboard.md, "Fewer fonts").
      fontFamily: {
        sans: ['system-ui', 'sans-serif', 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji'],
        mono: ['ui-monospace', 'Menlo', 'Consolas', 'Liberation Mono', 'monospace'],
      },
      colors: {
        brand: {
          50: '#eefbf4',
          100: '#d6f5e3',
          500: '#16a34a',
          600: '#15803d',
          700: '#166534',
        },
      },
    },
  },
};

export default config;
