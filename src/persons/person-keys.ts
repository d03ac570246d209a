import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DATABASE, type Database } from '../database/database';
import { conflict } from '../shared/domain/domain-error';
import { open, PII_VAULT, PiiVault, seal } from '../shared/pii-vault';
import { msg } from '../shared/domain/messages';

/** What a person's sealed value opens to; null once the person was erased (crypto-shredded). */
export type Opened = string | null;

/**
 * Each person's personal data is sealed with a data key of their own (`p1.` values), kept in
 * `person_keys` wrapped by the master key. Destroying that one row makes the person's personal
 * data unreadable everywhere it was ever written — the log, its archives, backups of the log —
 * while their events still replay. Values sealed before per-person keys (`v1.`) open with the
 * master key.
 */
@Injectable()
export class PersonKeys {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(PII_VAULT) private readonly vault: PiiVault,
  ) {}

  /** Seals values for the person, creating their key on first use; refused once erased. */
  async sealFor(personId: string, values: readonly string[]): Promise<string[]> {
    const wrapped = this.vault.encrypt(randomBytes(32).toString('base64'));
    await this.database.sql`
      INSERT INTO person_keys (person_id, wrapped_key) VALUES (${personId}, ${wrapped})
      ON CONFLICT (person_id) DO NOTHING`;
    const key = await this.keyOf(personId);
    if (!key) throw conflict(msg('conflict.person-erased'), 'idNumber');
    return values.map((value) => seal('p1', key, value));
  }

  /** Opens the person's sealed values; nulls when the person was erased. */
  async openFor(personId: string, sealed: readonly string[]): Promise<Opened[]> {
    if (sealed.every((s) => s.startsWith('v1.'))) return sealed.map((s) => this.vault.decrypt(s));
    const key = await this.keyOf(personId);
    return sealed.map((s) => {
      if (s.startsWith('v1.')) return this.vault.decrypt(s);
      return key ? open('p1', key, s) : null;
    });
  }

  /** Destroys the person's key. Idempotent. */
  async erase(personId: string): Promise<void> {
    await this.database.sql`
      INSERT INTO person_keys (person_id, wrapped_key, erased_at) VALUES (${personId}, NULL, now())
      ON CONFLICT (person_id) DO UPDATE SET wrapped_key = NULL, erased_at = coalesce(person_keys.erased_at, now())`;
  }

  private async keyOf(personId: string): Promise<Buffer | null> {
    const [row] = await this.database.sql<{ wrapped_key: string | null }[]>`
      SELECT wrapped_key FROM person_keys WHERE person_id = ${personId}`;
    if (!row?.wrapped_key) return null;
    return Buffer.from(this.vault.decrypt(row.wrapped_key), 'base64');
  }
}
