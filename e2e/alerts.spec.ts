import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import ICAL from 'ical.js';

import { appUrl } from './ports';
import { connect, sandbox } from './support';

const nomos = sandbox('main');
const ALERTS = `${appUrl('main')}/dashboard/alerts`;

test.beforeEach(async () => {
  await nomos.reset();
});

/** Starts from alerts off, whatever an earlier attempt left in the app's durable store. */
async function openAlertsOff(page: Page, forget: RegExp) {
  await page.goto(ALERTS);
  const button = page.getByRole('button', { name: forget });
  if (await button.isVisible()) await button.click();
}

test.describe('alerts and calendar settings', () => {
  test('turn on with what it means, save settings, refuse a wrong form without changing anything, then forget everything', async ({
    page,
  }) => {
    await connect(page, 'ben@example.com');
    await openAlertsOff(page, /Stop alerts and forget my connection/);
    await expect(page.getByRole('heading', { level: 1, name: 'Alerts and calendar' })).toBeVisible();
    await expect(page.getByText('The app keeps your Nomos connection on its server, sealed (encrypted)')).toBeVisible();

    await page.getByRole('button', { name: 'Turn on alerts and calendar' }).click();
    await expect(page.getByText(/Alerts and calendar are on/)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Your alerts' })).toBeVisible();
    // The defaults: the dishwasher, done by 07:00, quiet hours at night, in the page's language.
    await expect(page.getByLabel('Name').first()).toHaveValue('Dishwasher');
    await expect(page.getByLabel('Language of alerts and calendar')).toHaveValue('en');

    await page.getByLabel('Add an appliance').fill('Car');
    await page.getByLabel('Runs for').nth(1).selectOption('240');
    await page.getByLabel('Done by').nth(1).fill('06:00');
    await page.getByLabel('The price falls below').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();
    await expect(page.getByLabel('Name').nth(1)).toHaveValue('Car');
    await expect(page.getByLabel('Runs for').nth(1)).toHaveValue('240');
    await expect(page.getByLabel('The price falls below')).toBeChecked();

    // A form the browser would not send (its fields check their ranges): the server refuses it and keeps what was saved.
    const refused = await page.request.post(`${appUrl('main')}/alerts/settings`, {
      headers: { Origin: appUrl('main') },
      form: {
        action: 'save',
        locale: 'en',
        'cheapWindow.leadMinutes': '30',
        'threshold.mode': 'relative',
        'threshold.ctPerKwh': '20',
        'threshold.percentBelowAverage': '500',
        'quietHours.from': '22:00',
        'quietHours.to': '07:00',
        'load.0.name': 'Dishwasher',
        'load.0.durationMinutes': '50',
        'load.0.latestFinish': '07:00',
      },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(303);
    await page.goto(refused.headers().location!);
    await expect(page.getByText(/^Not saved/)).toHaveText(
      'Not saved, nothing was changed. Please check: price threshold, appliance 1.',
    );
    await expect(page.getByText(/^Not saved/)).toHaveAttribute('role', 'alert');
    await expect(page.getByLabel('Name').nth(1)).toHaveValue('Car');

    // Another site cannot post to it.
    const crossSite = await page.request.post(`${appUrl('main')}/alerts/settings`, {
      headers: { Origin: 'https://evil.example' },
      form: { action: 'forget' },
      maxRedirects: 0,
    });
    expect(crossSite.status()).toBe(403);

    await page.getByRole('button', { name: 'Stop alerts and forget my connection' }).click();
    await expect(
      page.getByText(/alerts and calendar are off, and the app deleted what it kept for them \(\d+ records\)/),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Turn on alerts and calendar' })).toBeVisible();
    // This browser stays connected: the grant was its own.
    await page.goto(`${appUrl('main')}/dashboard`);
    await expect(page.getByRole('heading', { level: 1, name: 'Your electricity prices' })).toBeVisible();
    expect(await nomos.stats()).toMatchObject({ refresh_reuse_detected: 0 });
  });

  test('logging out with alerts on ends this browser’s session only, and the home page says alerts continue', async ({
    page,
  }) => {
    await connect(page, 'carla@example.com');
    await openAlertsOff(page, /Stop alerts and forget my connection/);
    await page.getByRole('button', { name: 'Turn on alerts and calendar' }).click();
    await expect(page.getByText(/Alerts and calendar are on/)).toBeVisible();
    await page.goto(`${appUrl('main')}/dashboard`);
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(
      page.getByText(/You are logged out in this browser. Your alerts and calendar feed continue/),
    ).toBeVisible();

    // Connecting again finds alerts still on (the server kept the first grant), and stopping them ends that grant.
    await connect(page, 'carla@example.com');
    await page.goto(ALERTS);
    await page.getByRole('button', { name: 'Stop alerts and forget my connection' }).click();
    await expect(page.getByText(/alerts and calendar are off/)).toBeVisible();
    expect(await nomos.stats()).toMatchObject({ refresh_reuse_detected: 0 });
  });
});

test.describe('calendar feed', () => {
  test('a secret address per customer: the calendar parses, carries reminders, and stops at once when replaced or deleted', async ({
    page,
  }) => {
    await connect(page, 'anna@example.com');
    await openAlertsOff(page, /Stop alerts and forget my connection/);
    await page.getByRole('button', { name: 'Turn on alerts and calendar' }).click();
    await page.getByRole('button', { name: 'Create calendar address' }).click();
    await expect(page.getByText('Your calendar address is ready.')).toBeVisible();
    const webcal = await page.getByRole('link', { name: 'Subscribe in your calendar app' }).getAttribute('href');
    expect(webcal).toMatch(/^webcal:\/\/localhost:\d+\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    const ics = webcal!.replace(/^webcal:/, 'http:');

    // A calendar app has no cookie: the secret address is all it needs.
    const calendarApp = await playwrightRequest.newContext();
    try {
      const feed = await calendarApp.get(ics);
      expect(feed.status()).toBe(200);
      expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
      const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
      const events = calendar.getAllSubcomponents('vevent');
      expect(events.length).toBeGreaterThan(0);
      const first = new ICAL.Event(events[0]!);
      expect(first.summary).toContain('Dishwasher');
      expect(events[0]!.getFirstSubcomponent('valarm')).not.toBeNull();
      const etag = feed.headers().etag!;
      expect((await calendarApp.get(ics, { headers: { 'If-None-Match': etag } })).status()).toBe(304);
      const json = await calendarApp.get(ics.replace(/\.ics$/, '.json'));
      expect(json.status()).toBe(200);

      await page.getByRole('button', { name: 'Replace the address' }).click();
      await expect(page.getByText('New calendar address: the old one no longer works.')).toBeVisible();
      expect((await calendarApp.get(ics)).status()).toBe(404);
      const replaced = (await page.getByRole('link', { name: 'Subscribe in your calendar app' }).getAttribute('href'))!;
      expect((await calendarApp.get(replaced.replace(/^webcal:/, 'http:'))).status()).toBe(200);

      await page.getByRole('button', { name: 'Delete the address' }).click();
      await expect(page.getByRole('button', { name: 'Create calendar address' })).toBeVisible();
      expect((await calendarApp.get(replaced.replace(/^webcal:/, 'http:'))).status()).toBe(404);
    } finally {
      await calendarApp.dispose();
    }
    await page.getByRole('button', { name: 'Stop alerts and forget my connection' }).click();
  });
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('the settings page speaks German, and the defaults do too', async ({ page }) => {
    await connect(page, 'dora@example.com');
    await openAlertsOff(page, /Benachrichtigungen beenden und Verbindung vergessen/);
    await expect(page.getByRole('heading', { level: 1, name: 'Benachrichtigungen und Kalender' })).toBeVisible();
    await expect(page.getByText('Die App behält Ihre Nomos-Verbindung auf ihrem Server')).toBeVisible();
    await page.getByRole('button', { name: 'Benachrichtigungen und Kalender einschalten' }).click();
    await expect(page.getByText(/sind eingeschaltet/)).toBeVisible();
    await expect(page.getByLabel('Name').first()).toHaveValue('Spülmaschine');
    await expect(page.getByLabel('Sprache von Benachrichtigungen und Kalender')).toHaveValue('de');
    await page.getByRole('button', { name: 'Benachrichtigungen beenden und Verbindung vergessen' }).click();
    await expect(page.getByText(/Erledigt: Benachrichtigungen und Kalender sind aus/)).toBeVisible();
  });
});
