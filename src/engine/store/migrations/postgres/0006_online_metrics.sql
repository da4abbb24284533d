-- PostgreSQL translation of migrations/sqlite/ of the same number.
-- Online metrics of served models (issue 8): the recommendation lists each model served,
-- summed per day (clicks and applies come from the events' context), and the shadow
-- scoring of each challenger against the champion it ran beside, summed.
CREATE TABLE model_impressions (
  model CTEXT NOT NULL,     -- the list's model id: a registry label ("recommenders@3")
  list  CTEXT NOT NULL,     -- "feed"
  day   BIGINT NOT NULL,  -- days since 1970-01-01 (UTC)
  lists BIGINT NOT NULL,  -- lists served
  items BIGINT NOT NULL,  -- items shown in them
  PRIMARY KEY (model, list, day)
);

CREATE TABLE model_shadow (
  model            CTEXT NOT NULL,
  version          BIGINT NOT NULL,  -- the challenger scoring in the shadow
  champion         BIGINT NOT NULL,  -- the version served beside it
  posts            BIGINT NOT NULL,
  agreements       BIGINT NOT NULL,
  challenger_flags BIGINT NOT NULL,
  champion_flags   BIGINT NOT NULL,
  abs_diff_sum     DOUBLE PRECISION NOT NULL,
  updated_at       BIGINT NOT NULL,
  PRIMARY KEY (model, version, champion)
);
