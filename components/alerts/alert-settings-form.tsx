import { useTranslations } from 'next-intl';

import { Card } from '@/components/ui/card';
import { MAX_LOADS, type AlertSettings, type Load } from '@/lib/alerts/alert-settings';
import type { Subscription } from '@/lib/nomos/reshape';

/** Where every form of the settings page posts (app/alerts/settings/route.ts). */
export const SETTINGS_ACTION = '/alerts/settings';

const LEAD_MINUTES = [15, 30, 60, 120];
const DURATIONS = [30, 60, 90, 120, 180, 240, 300, 360, 480];

const input =
  'rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-base dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100';
const fieldset = 'mt-5 border-t border-slate-200 pt-4 dark:border-slate-800';
const submit =
  'rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2';

/**
 * The customer's alert settings as one plain form: it works without
 * JavaScript, the browser checks each field's range before sending, and the
 * server checks everything again (lib/alerts/settings-form.ts).
 */
export function AlertSettingsForm({
  settings,
  subscriptions,
  subscriptionLabel,
}: {
  settings: AlertSettings;
  subscriptions: Subscription[];
  subscriptionLabel: (subscription: Subscription) => string;
}) {
  const t = useTranslations('AlertSettings');
  const rows: (Load | null)[] = [...settings.loads, ...(settings.loads.length < MAX_LOADS ? [null] : [])];
  return (
    <Card aria-labelledby="alert-settings-title">
      <h2 id="alert-settings-title" className="text-lg font-semibold">
        {t('settingsTitle')}
      </h2>
      <form method="post" action={SETTINGS_ACTION}>
        <input type="hidden" name="action" value="save" />
        <div className="mt-3 flex flex-wrap gap-4">
          <label className="flex flex-col gap-1 text-sm">
            {t('language')}
            <select name="locale" defaultValue={settings.locale} className={input}>
              <option value="de">Deutsch</option>
              <option value="en">English</option>
            </select>
          </label>
          {subscriptions.length > 1 && (
            <label className="flex flex-col gap-1 text-sm">
              {t('subscription')}
              <select name="subscriptionId" defaultValue={settings.subscriptionId} className={input}>
                {subscriptions.map((subscription) => (
                  <option key={subscription.id} value={subscription.id}>
                    {subscriptionLabel(subscription)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>

        <fieldset className={fieldset}>
          <legend className="sr-only">{t('tomorrowPublished')}</legend>
          <Checkbox name="tomorrowPublished" checked={settings.tomorrowPublished} label={t('tomorrowPublished')} />
        </fieldset>

        <fieldset className={fieldset}>
          <legend className="sr-only">{t('cheapWindow')}</legend>
          <Checkbox name="cheapWindow.enabled" checked={settings.cheapWindow.enabled} label={t('cheapWindow')} />
          <label className="mt-2 ml-7 flex flex-wrap items-center gap-2 text-sm">
            {t('leadMinutes')}
            <select name="cheapWindow.leadMinutes" defaultValue={settings.cheapWindow.leadMinutes} className={input}>
              {LEAD_MINUTES.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {t('minutes', { count: minutes })}
                </option>
              ))}
            </select>
          </label>
        </fieldset>

        <fieldset className={fieldset}>
          <legend className="sr-only">{t('threshold')}</legend>
          <Checkbox name="threshold.enabled" checked={settings.threshold.enabled} label={t('threshold')} />
          <div className="mt-2 ml-7 grid gap-2 text-sm sm:grid-cols-2">
            <ThresholdMode
              mode="relative"
              label={t('thresholdRelative')}
              checked={settings.threshold.mode === 'relative'}
              value={{ name: 'percentBelowAverage', label: t('percentBelowAverage'), min: 1, max: 90, step: 1 }}
              defaultValue={settings.threshold.percentBelowAverage}
            />
            <ThresholdMode
              mode="absolute"
              label={t('thresholdAbsolute')}
              checked={settings.threshold.mode === 'absolute'}
              value={{ name: 'ctPerKwh', label: t('ctPerKwh'), min: -100, max: 200, step: 0.1 }}
              defaultValue={settings.threshold.ctPerKwh}
            />
          </div>
        </fieldset>

        <fieldset className={fieldset}>
          <legend className="sr-only">{t('quietHours')}</legend>
          <Checkbox name="quietHours.enabled" checked={settings.quietHours.enabled} label={t('quietHours')} />
          <div className="mt-2 ml-7 flex flex-wrap gap-3 text-sm">
            <label className="flex items-center gap-2">
              {t('quietFrom')}
              <input
                type="time"
                name="quietHours.from"
                required
                defaultValue={settings.quietHours.from}
                className={input}
              />
            </label>
            <label className="flex items-center gap-2">
              {t('quietTo')}
              <input
                type="time"
                name="quietHours.to"
                required
                defaultValue={settings.quietHours.to}
                className={input}
              />
            </label>
          </div>
        </fieldset>

        <fieldset className={fieldset}>
          <legend className="font-semibold">{t('loadsTitle')}</legend>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('loadsHint', { max: MAX_LOADS })}</p>
          <ul className="mt-2 space-y-3">
            {rows.map((load, row) => (
              <li key={load?.id ?? 'new'} className="flex flex-wrap items-end gap-3 text-sm">
                {load && <input type="hidden" name={`load.${row}.id`} value={load.id} />}
                <label className="flex flex-col gap-1">
                  {load ? t('loadName') : t('loadNew')}
                  <input
                    type="text"
                    name={`load.${row}.name`}
                    maxLength={40}
                    defaultValue={load?.name ?? ''}
                    className={input}
                  />
                </label>
                <label className="flex flex-col gap-1">
                  {t('loadDuration')}
                  <select
                    name={`load.${row}.durationMinutes`}
                    defaultValue={load?.durationMinutes ?? 120}
                    className={input}
                  >
                    {DURATIONS.map((minutes) => (
                      <option key={minutes} value={minutes}>
                        {minutes % 60 === 0 ? t('hours', { hours: minutes / 60 }) : t('minutes', { count: minutes })}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="flex flex-col gap-1">
                  {t('loadLatestFinish')}
                  <input
                    type="time"
                    name={`load.${row}.latestFinish`}
                    defaultValue={load?.latestFinish ?? '07:00'}
                    className={input}
                  />
                </label>
                {load && <Checkbox name={`load.${row}.remove`} checked={false} label={t('loadRemove')} />}
              </li>
            ))}
          </ul>
        </fieldset>

        <div className="mt-6">
          <button type="submit" className={submit}>
            {t('save')}
          </button>
        </div>
      </form>
    </Card>
  );
}

/** One way to set the price threshold: its radio button and its number. */
function ThresholdMode({
  mode,
  label,
  checked,
  value,
  defaultValue,
}: {
  mode: 'relative' | 'absolute';
  label: string;
  checked: boolean;
  value: { name: string; label: string; min: number; max: number; step: number };
  defaultValue: number;
}) {
  return (
    <>
      <label className="flex items-center gap-2">
        <input type="radio" name="threshold.mode" value={mode} defaultChecked={checked} />
        {label}
      </label>
      <label className="flex flex-col gap-1">
        {value.label}
        <input
          type="number"
          name={`threshold.${value.name}`}
          min={value.min}
          max={value.max}
          step={value.step}
          required
          defaultValue={defaultValue}
          className={input}
        />
      </label>
    </>
  );
}

function Checkbox({ name, checked, label }: { name: string; checked: boolean; label: string }) {
  return (
    <label className="flex items-start gap-3">
      <input type="checkbox" name={name} defaultChecked={checked} className="mt-1 size-4" />
      <span>{label}</span>
    </label>
  );
}
