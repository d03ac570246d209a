-- Keys are kept for a while, then pruned (src/shared/http/idempotency.interceptor.ts): a retry
-- comes within minutes or hours, not months, and the table would otherwise grow with every write
-- for as long as the ledger runs. The prune finds the old ones by age.
CREATE INDEX idempotency_keys_first_used_at ON idempotency_keys (first_used_at);
