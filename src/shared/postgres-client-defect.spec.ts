import { isPostgresWriteAfterClose } from './postgres-client-defect';

describe('the one postgres.js defect the service survives (porsager/postgres#1208)', () => {
  const defect = () => {
    const error = new TypeError("Cannot read properties of null (reading 'write')");
    error.stack = `${error.message}\n    at Immediate.nextWrite (/app/node_modules/postgres/cjs/src/connection.js:255:22)\n    at process.processImmediate (node:internal/timers:483:21)`;
    return error;
  };

  it('recognises the write scheduled after its connection closed', () => {
    expect(isPostgresWriteAfterClose(defect())).toBe(true);
  });

  it('lets every other error end the process: the same message elsewhere, other errors', () => {
    const elsewhere = new TypeError("Cannot read properties of null (reading 'write')");
    elsewhere.stack = `${elsewhere.message}\n    at write (/app/dist/src/retention/archive.js:10:5)`;
    expect(isPostgresWriteAfterClose(elsewhere)).toBe(false);
    expect(isPostgresWriteAfterClose(new Error(defect().message))).toBe(false);
    expect(isPostgresWriteAfterClose(null)).toBe(false);
  });
});
