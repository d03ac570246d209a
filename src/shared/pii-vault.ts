import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const PII_VAULT = Symbol('PII_VAULT');

/**
 * Personal data (ID numbers, names) goes into events only encrypted (AES-256-GCM), and is looked
 * up by a keyed hash (HMAC-SHA-256) that is useless without the key. Both keys derive from one
 * master key: PII_KEY, or one generated on first start under DATA_DIR for the embedded default.
 */
export class PiiVault {
  private readonly encryptionKey: Buffer;
  private readonly lookupKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('the PII key must be 32 bytes');
    this.encryptionKey = Buffer.from(
      hkdfSync('sha256', masterKey, Buffer.alloc(0), 'cme-ledger pii encryption', 32),
    );
    this.lookupKey = Buffer.from(
      hkdfSync('sha256', masterKey, Buffer.alloc(0), 'cme-ledger pii lookup', 32),
    );
  }

  static fromConfig(piiKeyBase64: string | undefined, dataDir: string): PiiVault {
    if (piiKeyBase64) return new PiiVault(Buffer.from(piiKeyBase64, 'base64'));
    const file = path.join(dataDir, 'pii.key');
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    }
    return new PiiVault(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
  }

  /** Deterministic, keyed: equal inputs give equal hashes, and nothing else can be learnt. */
  lookupHash(value: string): string {
    return createHmac('sha256', this.lookupKey).update(value).digest('hex');
  }

  /** Sealed with the master key (`v1.`): what wraps each person's data key. */
  encrypt(value: string): string {
    return seal('v1', this.encryptionKey, value);
  }

  decrypt(sealed: string): string {
    return open('v1', this.encryptionKey, sealed);
  }
}

/** AES-256-GCM: `<version>.<iv>.<ciphertext>.<tag>`, base64url. */
export function seal(version: string, key: Buffer, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return [
    version,
    iv.toString('base64url'),
    body.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}

export function open(version: string, key: Buffer, sealed: string): string {
  const [found, iv, body, tag] = sealed.split('.');
  if (found !== version) throw new Error(`expected a ${version} sealed value, got ${found}`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(body, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}
