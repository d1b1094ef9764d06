/**
 * Server-rendered screens of the hosted journey: small, self-contained
 * (inline CSS, no external resources) and labelled for accessibility, so
 * Playwright can drive them by role and label.
 */
import type { ServerResponse } from 'node:http';

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const STYLE = `
body{font-family:system-ui,sans-serif;background:#f4f6f4;color:#1b2a22;margin:0;display:flex;justify-content:center}
main{background:#fff;max-width:26rem;width:100%;margin:3rem 1rem;padding:2rem;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin-top:0}label{display:block;font-weight:600;margin:1rem 0 .3rem}
input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #8a9a90;border-radius:6px}
button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem;border-radius:6px;border:1px solid #1f6b45;background:#1f6b45;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1f6b45}
.error{color:#9b1c1c;background:#fdecec;padding:.6rem;border-radius:6px}
.inbox{border:2px dashed #c08a00;background:#fff8e1;padding:.8rem;border-radius:8px;margin:1rem 0}
.code{font-size:1.6rem;letter-spacing:.3rem;font-weight:700}
.muted{color:#5a6a60;font-size:.9rem}ul{padding-left:1.2rem}
`;

export function sendPage(
  res: ServerResponse,
  status: number,
  title: string,
  body: string,
  formTargets: string[] = [],
): void {
  // Chrome applies form-action to the redirect that follows a form POST, so
  // the client's origin must be allowed for the final hop back to the app.
  const formAction = ["'self'", ...formTargets].join(' ');
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
      `<title>${escapeHtml(title)} · Nomos sandbox</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`,
  );
}

const errorBlock = (error?: string) => (error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '');
const hidden = (requestId: string) => `<input type="hidden" name="request" value="${escapeHtml(requestId)}">`;

export function emailScreen(opts: {
  requestId: string;
  clientName: string;
  error?: string;
  demoEmails: string[];
  signup: boolean;
}): string {
  return `<h1>${opts.signup ? 'Create your Nomos account' : 'Sign in to Nomos'}</h1>
<p>${escapeHtml(opts.clientName)} wants to connect to your Nomos account.</p>${errorBlock(opts.error)}
<form method="post" action="/oauth/authorize/email">${hidden(opts.requestId)}
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" required autofocus>
<button type="submit">Continue</button></form>
<section class="inbox" aria-label="Sandbox demo customers"><strong>Sandbox demo customers</strong><ul>
${opts.demoEmails.map((e) => `<li><code>${escapeHtml(e)}</code></li>`).join('')}</ul></section>`;
}

export function codeScreen(opts: { requestId: string; email: string; code: string; error?: string }): string {
  return `<h1>Check your e-mail</h1>
<p>We sent a six-digit code to <strong>${escapeHtml(opts.email)}</strong>.</p>${errorBlock(opts.error)}
<section class="inbox" aria-label="Sandbox inbox"><strong>Sandbox inbox</strong>
<p class="muted">The sandbox cannot send e-mail. Your code:</p><p class="code" data-testid="sandbox-code">${escapeHtml(opts.code)}</p></section>
<form method="post" action="/oauth/authorize/code">${hidden(opts.requestId)}
<label for="otp">One-time code</label><input id="otp" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required autofocus>
<button type="submit">Verify</button></form>`;
}

export function consentScreen(opts: {
  requestId: string;
  clientName: string;
  email: string;
  scopeLines: string[];
}): string {
  return `<h1>Allow ${escapeHtml(opts.clientName)} to access your Nomos data?</h1>
<p>Signed in as <strong>${escapeHtml(opts.email)}</strong>.</p>
<p>${escapeHtml(opts.clientName)} asks for:</p><ul>${opts.scopeLines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>
<form method="post" action="/oauth/authorize/consent">${hidden(opts.requestId)}
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" class="secondary">Deny</button></form>`;
}

export function errorScreen(title: string, message: string, requestId: string): string {
  return `<h1>${escapeHtml(title)}</h1><p class="error" role="alert">${escapeHtml(message)}</p>
<p class="muted">Request id: <code>${escapeHtml(requestId)}</code></p>`;
}
