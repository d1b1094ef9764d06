import { alertSettingsSchema, MAX_LOADS, type AlertSettings, type Load } from './alert-settings';

/**
 * Reads the settings form (components/alerts/alert-settings-form.tsx) into
 * settings, checked by the settings' own schema. The form works without
 * JavaScript, so every value arrives as form text: a checkbox is present
 * when ticked, numbers are strings. Returns the fields that are wrong
 * (their paths in the settings, e.g. `loads.1.durationMinutes`) rather
 * than settings, so nothing is saved from a form with a mistake in it.
 */
export type SettingsFormResult = { ok: true; settings: AlertSettings } | { ok: false; problems: string[] };

type FormLike = { get(name: string): unknown };

const text = (form: FormLike, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
};
const ticked = (form: FormLike, name: string) => form.get(name) === 'on';
/** A number, or NaN for anything that is not one (the schema then names the field). */
const number = (form: FormLike, name: string) => {
  const value = text(form, name).replace(',', '.');
  return value === '' ? Number.NaN : Number(value);
};

/** Rows of the form's load table: the filled ones, without those marked for removal. */
function loadsOf(form: FormLike, subscriptionLoads: readonly Load[]): unknown[] {
  const loads: unknown[] = [];
  const taken = new Set<string>();
  for (let row = 0; row <= MAX_LOADS; row++) {
    const name = text(form, `load.${row}.name`);
    if (name === '' || ticked(form, `load.${row}.remove`)) continue;
    const known = subscriptionLoads.find((load) => load.id === text(form, `load.${row}.id`));
    const id = known?.id ?? freeId(taken, subscriptionLoads);
    taken.add(id);
    loads.push({
      id,
      name,
      durationMinutes: number(form, `load.${row}.durationMinutes`),
      latestFinish: text(form, `load.${row}.latestFinish`),
    });
  }
  return loads;
}

function freeId(taken: Set<string>, existing: readonly Load[]): string {
  for (let n = 1; ; n++) {
    const id = `load-${n}`;
    if (!taken.has(id) && !existing.some((load) => load.id === id)) return id;
  }
}

export function parseSettingsForm(
  form: FormLike,
  current: AlertSettings,
  subscriptionIds: readonly string[],
): SettingsFormResult {
  const subscriptionId = text(form, 'subscriptionId') || current.subscriptionId;
  const candidate = {
    locale: text(form, 'locale') || current.locale,
    subscriptionId,
    tomorrowPublished: ticked(form, 'tomorrowPublished'),
    cheapWindow: { enabled: ticked(form, 'cheapWindow.enabled'), leadMinutes: number(form, 'cheapWindow.leadMinutes') },
    threshold: {
      enabled: ticked(form, 'threshold.enabled'),
      mode: text(form, 'threshold.mode'),
      ctPerKwh: number(form, 'threshold.ctPerKwh'),
      percentBelowAverage: number(form, 'threshold.percentBelowAverage'),
    },
    quietHours: {
      enabled: ticked(form, 'quietHours.enabled'),
      from: text(form, 'quietHours.from'),
      to: text(form, 'quietHours.to'),
    },
    loads: loadsOf(form, current.loads),
  };
  const parsed = alertSettingsSchema.safeParse(candidate);
  const problems = parsed.success ? [] : [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
  if (!subscriptionIds.includes(subscriptionId)) problems.push('subscriptionId');
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, settings: parsed.data };
}
