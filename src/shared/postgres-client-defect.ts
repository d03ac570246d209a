/**
 * postgres.js 3.4.9 can throw from a timer after a connection's server went away: a small write
 * scheduled with setImmediate runs after the socket was dropped (porsager/postgres#1154, #1208;
 * fixes proposed, not released). The query it belonged to was already rejected with
 * CONNECTION_CLOSED and the pool reconnects, so nothing is lost — but the TypeError escapes every
 * try/catch and would end the process in the middle of the outage it should ride out.
 */
export function isPostgresWriteAfterClose(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    error.message === "Cannot read properties of null (reading 'write')" &&
    /nextWrite[^\n]*postgres[\\/](cjs[\\/])?src[\\/]connection\.js/.test(error.stack ?? '')
  );
}

/**
 * Keeps the service up through that one known defect, and only that one: any other uncaught
 * exception still ends the process, as Node would.
 */
export function surviveKnownPostgresClientDefect(warn: (message: string) => void): void {
  process.on('uncaughtException', (error) => {
    if (isPostgresWriteAfterClose(error)) {
      warn(
        'postgres.js wrote to a connection its server had closed (porsager/postgres#1208); ignored, the pool reconnects',
      );
      return;
    }
    process.stderr.write(`cme-ledger: uncaught exception: ${error?.stack ?? String(error)}\n`);
    process.exit(1);
  });
}
