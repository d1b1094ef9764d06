import { createECDH } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { decryptAes128gcm, decryptContent, DecryptionError } from './ece';

const b64 = (value: string) => Buffer.from(value, 'base64url');

describe('decryptContent (RFC 8188)', () => {
  it('decrypts the single-record example of §3.1', () => {
    const body = b64('I1BsxtFttlv3u_Oo94xnmwAAEAAA-NAVub2qFgBEuQKRapoZu-IxkIva3MEB1PD-ly8Thjg');
    expect(decryptContent(body, () => b64('yqdlZ-tYemfogSmv7Ws5PQ')).toString()).toBe('I am the walrus');
  });

  it('decrypts the two-record example of §3.2, with its key id and padding', () => {
    const body = b64(
      'uNCkWiNYzKTnBN9ji3-qWAAAABkCYTHOG8chz_gnvgOqdGYovxyjuqRyJFjEDyoF1Fvkj6hQPdPHI51OEUKEpgz3SsLWIqS_uA',
    );
    const keyIds: string[] = [];
    const plain = decryptContent(body, (keyId) => {
      keyIds.push(keyId.toString());
      return b64('BO3ZVPxUlnLORbVGMpbT1Q');
    });
    expect(plain.toString()).toBe('I am the walrus');
    expect(keyIds).toEqual(['a1']);
    // Records swapped: the sequence number in the nonce tells.
    const swapped = Buffer.concat([body.subarray(0, 23), body.subarray(48), body.subarray(23, 48)]);
    expect(() => decryptContent(swapped, () => b64('BO3ZVPxUlnLORbVGMpbT1Q'))).toThrow(DecryptionError);
  });
});

describe('decryptAes128gcm (RFC 8291)', () => {
  it('decrypts the example of Appendix A with the user agent’s private key and auth secret', () => {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(b64('q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94'));
    expect(ecdh.getPublicKey().toString('base64url')).toBe(
      'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
    );
    const body = b64(
      'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
    );
    const authSecret = b64('BTBZMqHH6r4Tts7J_aSIgg');
    expect(decryptAes128gcm(body, { ecdh, authSecret }).toString()).toBe('When I grow up, I want to be a watermelon');
    expect(() => decryptAes128gcm(body, { ecdh, authSecret: Buffer.alloc(16) })).toThrow(/failed authentication/);
  });

  it('refuses a body whose key id is not a P-256 public key', () => {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const body = b64(
      'uNCkWiNYzKTnBN9ji3-qWAAAABkCYTHOG8chz_gnvgOqdGYovxyjuqRyJFjEDyoF1Fvkj6hQPdPHI51OEUKEpgz3SsLWIqS_uA',
    );
    expect(() => decryptAes128gcm(body, { ecdh, authSecret: Buffer.alloc(16) })).toThrow(
      'key id of 2 bytes, not a 65-byte P-256 public key',
    );
  });
});
