/**
 * Child ids name their parent's stream, so a session or a credit can be found without a lookup
 * table: base64url of the parent's 16 bytes and the child's 16 bytes, opaque to callers.
 */
export function compositeId(parentUuid: string, childUuid: string): string {
  const bytes = Buffer.concat([uuidBytes(parentUuid), uuidBytes(childUuid)]);
  return bytes.toString('base64url');
}

export function splitCompositeId(id: string): { parent: string; child: string } | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
  const bytes = Buffer.from(id, 'base64url');
  if (bytes.length !== 32) return null;
  return { parent: uuidText(bytes.subarray(0, 16)), child: uuidText(bytes.subarray(16)) };
}

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function uuidText(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
