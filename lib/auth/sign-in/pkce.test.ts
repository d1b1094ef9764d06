import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';

import { createLoginTransaction } from './transaction';

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 Appendix B', async () => {
    await expect(oauth.calculatePKCECodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('creates a fresh verifier of 43–128 unreserved characters and a matching challenge per sign-in', async () => {
    const first = await createLoginTransaction('/dashboard');
    const second = await createLoginTransaction('/dashboard');
    for (const { transaction, codeChallenge } of [first, second]) {
      expect(transaction.verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
      expect(codeChallenge).toBe(await oauth.calculatePKCECodeChallenge(transaction.verifier));
      expect(transaction.state.length).toBeGreaterThanOrEqual(32);
    }
    expect(first.transaction.verifier).not.toBe(second.transaction.verifier);
    expect(first.transaction.state).not.toBe(second.transaction.state);
  });
});
