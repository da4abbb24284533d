-- Online metrics of served models (issue 8): the recommendation lists each model served,
-- summed per day (clicks and applies come from the events' context), and the shadow
-- scoring of each challenger against the champion it ran beside, summed.
CREATE TABLE model_impressions (
  model TEXT NOT NULL,     -- the list's model id: a registry label ("recommenders@3")
  list  TEXT NOT NULL,     -- "feed"
  day   INTEGER NOT NULL,  -- days since 1970-01-01 (UTC)
  lists INTEGER NOT NULL,  -- lists served
  items INTEGER NOT NULL,  -- items shown in them
  PRIMARY KEY (model, list, day)
) STRICT;

CREATE TABLE model_shadow (
  model            TEXT NOT NULL,
  version          INTEGER NOT NULL,  -- the challenger scoring in the shadow
  champion         INTEGER NOT NULL,  -- the version served beside it
  posts            INTEGER NOT NULL,
  agreements       INTEGER NOT NULL,
  challenger_flags INTEGER NOT NULL,
  champion_flags   INTEGER NOT NULL,
  abs_diff_sum     REAL NOT NULL,
  updated_at       INTEGER NOT NULL,
  PRIMARY KEY (model, version, champion)
) STRICT;
