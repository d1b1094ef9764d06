import 'server-only';

import { config } from '@/lib/config';

import { parseAlertsConfig } from './alerts-config';

/** The alert configuration of this process, parsed once from its environment. */
export const alertsConfig = parseAlertsConfig(process.env, config.appUrl);
