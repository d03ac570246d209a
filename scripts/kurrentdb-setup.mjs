// One-shot setup of a secure KurrentDB/EventStoreDB for the ledger (docker-compose.yml runs it in
// the `kurrentdb-setup` service before the ledger starts; it can be run by hand the same way).
// Idempotent: every run leaves the same state.
//
// 1. The ledger's own user `ledger` (HTTP users API; an existing one gets the password given).
// 2. Default stream ACLs: only `ledger` writes user streams and reads them; deleting a stream and
//    writing stream metadata (`$tb`, `$maxCount`, `$maxAge`, ACLs) are left to `$admins` alone;
//    system streams stay `$admins`-only.
// 3. `$all` readable by `ledger` (rebuilds, the verifier, subscriptions read it).
//
// Environment: KURRENTDB_HOST (host:port, default kurrentdb:2113), KURRENTDB_ADMIN_PASSWORD,
// KURRENTDB_LEDGER_PASSWORD, KURRENTDB_CA_FILE (the CA that signed the node's certificate; give it
// to Node as NODE_EXTRA_CA_CERTS as well, for the HTTP call).
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { Buffer } from 'node:buffer';

const host = process.env.KURRENTDB_HOST ?? 'kurrentdb:2113';
const adminPassword = required('KURRENTDB_ADMIN_PASSWORD');
const ledgerPassword = required('KURRENTDB_LEDGER_PASSWORD');
const caFile = process.env.KURRENTDB_CA_FILE ?? '/certs/ca/ca.crt';
const ledgerUser = 'ledger';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

const authorization = `Basic ${Buffer.from(`admin:${adminPassword}`).toString('base64')}`;
async function http(method, path, body) {
  const response = await globalThis.fetch(`https://${host}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(body),
  });
  return response.status;
}

const created = await http('POST', '/users/', {
  loginName: ledgerUser,
  fullName: 'cme-ledger service',
  groups: [],
  password: ledgerPassword,
});
if (created === 409) {
  const reset = await http('POST', `/users/${ledgerUser}/command/reset-password`, {
    newPassword: ledgerPassword,
  });
  if (reset >= 300) throw new Error(`resetting the ledger user's password: HTTP ${reset}`);
} else if (created >= 300) {
  throw new Error(`creating the ledger user: HTTP ${created}`);
}

const client = EventStoreDBClient.connectionString(
  `esdb://admin:${encodeURIComponent(adminPassword)}@${host}?tls=true&tlsCAFile=${encodeURIComponent(caFile)}`,
);
try {
  const admins = '$admins';
  await client.appendToStream(
    '$settings',
    jsonEvent({
      type: 'update-default-acl',
      data: {
        $userStreamAcl: {
          $r: [ledgerUser, admins],
          $w: [ledgerUser, admins],
          $d: admins,
          $mr: [ledgerUser, admins],
          $mw: admins,
        },
        $systemStreamAcl: { $r: admins, $w: admins, $d: admins, $mr: admins, $mw: admins },
      },
    }),
  );
  await client.setStreamMetadata('$all', { acl: { readRoles: [ledgerUser, admins] } });
  console.log(
    `kurrentdb-setup: user "${ledgerUser}" ready; default ACLs: only ${ledgerUser} writes, only ${admins} delete or set metadata`,
  );
} finally {
  await client.dispose();
}
