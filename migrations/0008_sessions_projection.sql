-- sessions (projections/sessions): each session and where its execution report stands (R14); the
-- committee's review work queue reads the reports still awaiting review.
CREATE TABLE proj_sessions (
  key                   text PRIMARY KEY,
  doc                   jsonb NOT NULL,
  activity_id           text GENERATED ALWAYS AS (doc->>'activityId') STORED,
  awaiting_review_since text GENERATED ALWAYS AS (doc->>'awaitingReviewSince') STORED
);
CREATE INDEX proj_sessions_awaiting_idx ON proj_sessions (awaiting_review_since)
  WHERE awaiting_review_since IS NOT NULL;
