import { describe, expect, it } from 'vitest';

import { defaultAlertSettings } from './alert-settings';
import { parseSettingsForm } from './settings-form';

const current = defaultAlertSettings('de', 'sub_1');
const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const valid = {
  locale: 'en',
  subscriptionId: 'sub_2',
  tomorrowPublished: 'on',
  'cheapWindow.enabled': 'on',
  'cheapWindow.leadMinutes': '60',
  'threshold.mode': 'absolute',
  'threshold.ctPerKwh': '12,5',
  'threshold.percentBelowAverage': '20',
  'quietHours.enabled': 'on',
  'quietHours.from': '23:00',
  'quietHours.to': '06:30',
  'load.0.id': 'dishwasher',
  'load.0.name': 'Spülmaschine',
  'load.0.durationMinutes': '120',
  'load.0.latestFinish': '07:00',
  'load.1.name': 'Auto',
  'load.1.durationMinutes': '240',
  'load.1.latestFinish': '06:00',
};

describe('parseSettingsForm', () => {
  it('reads every field, a decimal comma, unticked boxes as off, and gives a new load a free id', () => {
    const result = parseSettingsForm(form(valid), current, ['sub_1', 'sub_2']);
    expect(result).toEqual({
      ok: true,
      settings: {
        locale: 'en',
        subscriptionId: 'sub_2',
        tomorrowPublished: true,
        cheapWindow: { enabled: true, leadMinutes: 60 },
        threshold: { enabled: false, mode: 'absolute', ctPerKwh: 12.5, percentBelowAverage: 20 },
        quietHours: { enabled: true, from: '23:00', to: '06:30' },
        loads: [
          { id: 'dishwasher', name: 'Spülmaschine', durationMinutes: 120, latestFinish: '07:00' },
          { id: 'load-1', name: 'Auto', durationMinutes: 240, latestFinish: '06:00' },
        ],
      },
    });
  });

  it('drops a load marked for removal and ignores empty rows', () => {
    const result = parseSettingsForm(form({ ...valid, 'load.0.remove': 'on', 'load.2.name': '  ' }), current, [
      'sub_1',
      'sub_2',
    ]);
    expect(result.ok && result.settings.loads.map((load) => load.name)).toEqual(['Auto']);
  });

  it('names every wrong field and saves nothing', () => {
    const result = parseSettingsForm(
      form({
        ...valid,
        subscriptionId: 'sub_someone_else',
        'load.1.durationMinutes': '50',
        'quietHours.from': '25:00',
        'cheapWindow.leadMinutes': 'soon',
      }),
      current,
      ['sub_1', 'sub_2'],
    );
    expect(result).toEqual({
      ok: false,
      problems: expect.arrayContaining([
        'loads.1.durationMinutes',
        'quietHours.from',
        'cheapWindow.leadMinutes',
        'subscriptionId',
      ]),
    });
    expect(!result.ok && result.problems).toHaveLength(4);
  });

  it('refuses a sixth load', () => {
    const rows = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [
        [`load.${i}.name`, `Load ${i}`],
        [`load.${i}.durationMinutes`, '60'],
        [`load.${i}.latestFinish`, '08:00'],
      ]).flat(),
    );
    const result = parseSettingsForm(form({ ...valid, ...rows }), current, ['sub_1', 'sub_2']);
    expect(result).toEqual({ ok: false, problems: ['loads'] });
  });
});
