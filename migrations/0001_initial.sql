-- The PostgreSQL Store's first schema. Applied once, in one transaction, by src/store/postgres/migrations.ts;
-- never edit it once released: add 0002_<what>.sql instead (the runner refuses a changed file).
--
-- Each domain record is kept whole as a jsonb document (`doc`), validated by its zod schema when it is read,
-- as the lowdb store validates its files. The keys the Store port looks records up or orders them by are real
-- columns beside it, with indexes. Ids and times are compared byte by byte (COLLATE "C"), as the other stores
-- compare strings; times are UTC ISO strings in toISOString() form, so comparing them compares the times.

-- Core records: small, read on most turns.
CREATE TABLE people (
  aad_object_id text COLLATE "C" PRIMARY KEY,
  doc jsonb NOT NULL
);

CREATE TABLE conversations (
  conversation_id text COLLATE "C" PRIMARY KEY,
  doc jsonb NOT NULL
);

-- Each person's 1:1 chat with the bot: every proactive send to a person looks one up.
CREATE TABLE personal_chats (
  aad_object_id text COLLATE "C" PRIMARY KEY,
  conversation_id text COLLATE "C" NOT NULL REFERENCES conversations ON DELETE CASCADE
);

CREATE TABLE teams (
  team_id text COLLATE "C" PRIMARY KEY,
  doc jsonb NOT NULL
);
-- teamsOf(person): the teams whose member list names them.
CREATE INDEX teams_members ON teams USING gin ((doc -> 'members'));

CREATE TABLE units (
  unit_id text COLLATE "C" PRIMARY KEY,
  doc jsonb NOT NULL
);

-- Only people holding at least one role have a row.
CREATE TABLE roles (
  aad_object_id text COLLATE "C" PRIMARY KEY,
  doc jsonb NOT NULL
);

-- Idempotency keys of handled card actions; keys older than the caller's horizon are forgotten.
CREATE TABLE card_actions (
  action_key text COLLATE "C" PRIMARY KEY,
  claimed_at text COLLATE "C" NOT NULL
);
CREATE INDEX card_actions_claimed_at ON card_actions (claimed_at);

-- Each scheduled job's last claimed run (its scheduled time).
CREATE TABLE job_runs (
  job text COLLATE "C" PRIMARY KEY,
  run_key text COLLATE "C" NOT NULL
);

-- What admins set on the settings card: one row at most.
CREATE TABLE settings (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  doc jsonb NOT NULL
);

-- The audit log: never changed or shortened. An id is unique within its month (UTC), as in the lowdb store.
CREATE TABLE audit_entries (
  month text COLLATE "C" NOT NULL,
  entry_id text COLLATE "C" NOT NULL,
  at text COLLATE "C" NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (month, entry_id)
);
CREATE INDEX audit_entries_newest_first ON audit_entries (at DESC, entry_id DESC);

-- Check-ins: cycles by ISO week, then each unit's pulses, measure answers and card copies in a cycle.
CREATE TABLE cycles (
  cycle_id text COLLATE "C" PRIMARY KEY,
  doc jsonb NOT NULL
);

CREATE TABLE pulses (
  cycle_id text COLLATE "C" NOT NULL,
  unit_id text COLLATE "C" NOT NULL,
  aad_object_id text COLLATE "C" NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (cycle_id, unit_id, aad_object_id)
);

CREATE TABLE measure_answers (
  cycle_id text COLLATE "C" NOT NULL,
  unit_id text COLLATE "C" NOT NULL,
  measure_id text COLLATE "C" NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (cycle_id, unit_id, measure_id)
);

-- Each measure's latest answer for a unit, whichever cycle it came in.
CREATE TABLE latest_measure_answers (
  unit_id text COLLATE "C" NOT NULL,
  measure_id text COLLATE "C" NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (unit_id, measure_id)
);

-- Where each check-in card landed, in the order they landed (seq), each chat and message once.
CREATE TABLE card_copies (
  cycle_id text COLLATE "C" NOT NULL,
  unit_id text COLLATE "C" NOT NULL,
  conversation_id text COLLATE "C" NOT NULL,
  activity_id text COLLATE "C" NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  doc jsonb NOT NULL,
  PRIMARY KEY (cycle_id, unit_id, conversation_id, activity_id)
);
CREATE INDEX card_copies_in_order ON card_copies (cycle_id, unit_id, seq);

-- Patient input actions; an action's month is the first seven characters of its id.
CREATE TABLE actions (
  action_id text COLLATE "C" PRIMARY KEY,
  month text COLLATE "C" NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX actions_by_month ON actions (month, created_at, action_id);

CREATE TABLE broadcasts (
  broadcast_id text COLLATE "C" PRIMARY KEY,
  created_at text COLLATE "C" NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX broadcasts_newest_first ON broadcasts (created_at DESC, broadcast_id DESC);

-- When each person first pressed "Got it", and first read it: one row each, the first one kept.
CREATE TABLE broadcast_acks (
  broadcast_id text COLLATE "C" NOT NULL REFERENCES broadcasts ON DELETE CASCADE,
  aad_object_id text COLLATE "C" NOT NULL,
  at text NOT NULL,
  PRIMARY KEY (broadcast_id, aad_object_id)
);

CREATE TABLE broadcast_reads (
  broadcast_id text COLLATE "C" NOT NULL REFERENCES broadcasts ON DELETE CASCADE,
  aad_object_id text COLLATE "C" NOT NULL,
  at text NOT NULL,
  PRIMARY KEY (broadcast_id, aad_object_id)
);

-- The outbound queue: one row per recipient, known by batch and id together. `state` and `not_before` mirror
-- the document so the worker's questions are index scans. lease_until is for instances sharing the queue
-- (a claim with a lease); nothing sets it yet.
CREATE TABLE deliveries (
  batch_id text COLLATE "C" NOT NULL,
  delivery_id text COLLATE "C" NOT NULL,
  state text NOT NULL,
  not_before text COLLATE "C" NOT NULL,
  lease_until timestamptz,
  doc jsonb NOT NULL,
  PRIMARY KEY (batch_id, delivery_id)
);
CREATE INDEX deliveries_due ON deliveries (not_before, delivery_id, batch_id) WHERE state = 'pending';
CREATE INDEX deliveries_sending ON deliveries (not_before, delivery_id, batch_id) WHERE state = 'sending';
