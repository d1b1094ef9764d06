import 'server-only';

import { sealer } from '@/lib/auth/session/cookies';
import { getDurableStore } from '@/lib/store/durable';

import { alertSettingsSchema, type AlertSettings } from './alert-settings';

/**
 * A customer's alert settings, in the durable store beside their kept grant:
 * sealed with `SESSION_SECRET`, under the customer's hash, and owned by it,
 * so "forget my connection" deletes them with everything else.
 */
const settingsKey = (owner: string) => `alert-settings:${owner}`;

/** The owner's settings, or null when there are none (or they cannot be read). */
export async function getAlertSettings(owner: string): Promise<AlertSettings | null> {
  const sealed = await (await getDurableStore()).get(settingsKey(owner));
  if (sealed === null) return null;
  const settings = alertSettingsSchema.safeParse(await sealer.unseal(sealed, 0));
  return settings.success ? settings.data : null;
}

export async function saveAlertSettings(owner: string, settings: AlertSettings): Promise<void> {
  const valid = alertSettingsSchema.parse(settings);
  await (await getDurableStore()).put(settingsKey(owner), await sealer.seal(valid, 0), { owner });
}
