import { v4 as uuidv4, v5 as uuidv5, validate as isUuid } from 'uuid';

/** Namespace of every name-based id the ledger derives (UUID v5). Never change it. */
const ledgerNamespace = 'a4f1c1e0-6b0e-4d5c-9a57-3e7a2f0c2e11';

/** The same parts always give the same UUID: how naturally idempotent commands pick event ids. */
export function derivedId(...parts: string[]): string {
  return uuidv5(parts.join('\u001f'), ledgerNamespace);
}

export const randomId = (): string => uuidv4();
export { isUuid };

export { compositeId, splitCompositeId } from './domain/composite-id';
