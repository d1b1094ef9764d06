/**
 * The receiving half of Web Push encryption, as a browser does it: RFC 8291
 * (Message Encryption for Web Push) over RFC 8188 (the `aes128gcm` content
 * coding). Node's `node:crypto` only, so that the test does not decrypt with
 * the library that encrypted.
 */
import { createDecipheriv, createECDH, hkdfSync, type ECDH } from 'node:crypto';

/** What the user agent keeps for one subscription: its ECDH key pair and the 16-byte auth secret. */
export type ReceiverKeys = { ecdh: ECDH; authSecret: Buffer };

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

const TAG_BYTES = 16;
const HEADER_BYTES = 16 + 4 + 1;

function hkdf(salt: Buffer, ikm: Buffer, info: Buffer, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, length));
}

/** A new subscription's keys: a P-256 key pair and 16 random bytes, like a browser's. */
export function newReceiverKeys(authSecret: Buffer): ReceiverKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { ecdh, authSecret };
}

/**
 * Decrypts an `aes128gcm` body sent to the subscription whose keys these are.
 * Throws a DecryptionError when anything does not add up: a wrong key or auth
 * secret fails the AES-GCM tag check.
 */
export function decryptAes128gcm(body: Buffer, { ecdh, authSecret }: ReceiverKeys): Buffer {
  return decryptContent(body, (senderPublicKey) => {
    // RFC 8291 §4: the key id is the application server's ephemeral public key.
    if (senderPublicKey.length !== 65) {
      throw new DecryptionError(`key id of ${senderPublicKey.length} bytes, not a 65-byte P-256 public key`);
    }
    // RFC 8291 §3.3 and §3.4: the auth secret and the ECDH secret give the input keying material.
    let ecdhSecret: Buffer;
    try {
      ecdhSecret = ecdh.computeSecret(senderPublicKey);
    } catch {
      throw new DecryptionError('the key id is not a point on P-256');
    }
    const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ecdh.getPublicKey(), senderPublicKey]);
    return hkdf(authSecret, ecdhSecret, keyInfo, 32);
  });
}

/**
 * RFC 8188: decrypts an `aes128gcm` body with the input keying material that
 * `keyFor` gives for the header's key id.
 */
export function decryptContent(body: Buffer, keyFor: (keyId: Buffer) => Buffer): Buffer {
  // §2.1: salt (16) | record size (4) | key id length (1) | key id.
  if (body.length < HEADER_BYTES) throw new DecryptionError('body shorter than the aes128gcm header');
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body.readUInt8(20);
  if (recordSize < TAG_BYTES + 2) throw new DecryptionError(`record size ${recordSize} too small`);
  if (body.length < HEADER_BYTES + idLength) throw new DecryptionError('body shorter than its key id');
  const ikm = keyFor(body.subarray(HEADER_BYTES, HEADER_BYTES + idLength));
  const ciphertext = body.subarray(HEADER_BYTES + idLength);
  if (ciphertext.length === 0) throw new DecryptionError('no record after the header');

  // §2.2 and §2.3: content-encryption key and nonce base.
  const key = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonceBase = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);

  const records: Buffer[] = [];
  for (let offset = 0, sequence = 0; offset < ciphertext.length; offset += recordSize, sequence++) {
    const record = ciphertext.subarray(offset, offset + recordSize);
    if (record.length <= TAG_BYTES) throw new DecryptionError(`record ${sequence} is too short`);
    // §2.3: the nonce base XOR the record's sequence number (a message never has 2^32 records).
    const nonce = Buffer.from(nonceBase);
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ sequence) >>> 0, 8);
    const decipher = createDecipheriv('aes-128-gcm', key, nonce);
    decipher.setAuthTag(record.subarray(record.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(record.subarray(0, record.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new DecryptionError(`record ${sequence} failed authentication (wrong keys or auth secret)`);
    }
    // §2: the data, then a delimiter (2 in the last record, 1 before), then zeros.
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end--;
    const last = offset + recordSize >= ciphertext.length;
    if (plain[end] !== (last ? 2 : 1)) throw new DecryptionError(`record ${sequence} has no valid padding delimiter`);
    records.push(plain.subarray(0, end));
  }
  return Buffer.concat(records);
}
