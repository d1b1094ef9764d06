import 'server-only';

import { parseConfig } from './config-schema';

/**
 * The app's configuration, parsed from `process.env` once at start-up.
 * Nothing else in the app reads `process.env`.
 */
export const config = parseConfig(process.env);
export type { AppConfig } from './config-schema';
