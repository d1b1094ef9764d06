// The app's service worker: shows the Web Push alerts the server sends
// (lib/alerts/push.ts, whose pushPayloadSchema is the payload read here) and
// opens the app's page when one is tapped. It caches nothing and handles no
// fetches: the app works online only, as its prices change every 15 minutes.

/** The app's icon from the web app manifest (app/manifest.ts). */
const ICON = '/icons/icon-192.png';

self.addEventListener('install', () => {
  // Nothing to prepare: a new version takes over at once.
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

/** The payload as JSON with a title, or null: the server sends nothing else. */
function readAlert(event) {
  if (!event.data) return null;
  try {
    const alert = event.data.json();
    return alert && typeof alert.title === 'string' ? alert : null;
  } catch {
    return null;
  }
}

/** The URL on this app's origin, or null: a notification never opens another site. */
function ownUrl(value) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value, self.location.origin);
    return url.origin === self.location.origin ? url.href : null;
  } catch {
    return null;
  }
}

self.addEventListener('push', (event) => {
  const alert = readAlert(event);
  if (!alert) return;
  const options = {
    body: typeof alert.body === 'string' ? alert.body : '',
    icon: ICON,
    lang: typeof alert.lang === 'string' ? alert.lang : '',
    data: { url: ownUrl(alert.url) },
  };
  if (typeof alert.tag === 'string') {
    // A newer alert of the same kind replaces the older one, and is announced again.
    options.tag = alert.tag;
    options.renotify = true;
  }
  event.waitUntil(self.registration.showNotification(alert.title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = ownUrl(event.notification.data && event.notification.data.url);
  if (!url) return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url === url);
      return open ? open.focus() : self.clients.openWindow(url);
    }),
  );
});
