import type { Config } from 'tailwindcss';

// Tailwind 4 reads its theme from CSS; this file is loaded by `@config` in
// app/globals.css and keeps the project's design tokens in one typed place.
const config: Config = {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  theme: {
    extend: {
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
