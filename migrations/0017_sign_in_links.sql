-- One-time sign-in links for the web console in the embedded default (`npm run ledger -- sign-in`).
-- Only the SHA-256 of the link's code is kept: the code itself is printed once and never stored.
-- A link is spent by the first exchange (used_at set in the same statement that checks it) and
-- is refused after expires_at. Mutable on purpose: this is session state, not the ledger.
CREATE TABLE sign_in_links (
  code_hash   text PRIMARY KEY,
  claims      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX sign_in_links_expires_idx ON sign_in_links (expires_at);
