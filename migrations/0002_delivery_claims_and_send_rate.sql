-- Instances sharing the queue: which worker holds each item it is sending (src/store/postgres/delivery-claims.ts),
-- and the app-wide send rate counted across every instance (src/store/postgres/rate.ts).

-- The worker (one per instance) whose lease lease_until is; both are empty for an item no worker holds.
ALTER TABLE deliveries ADD COLUMN lease_owner text;

-- One row per request to Teams that may still count against the rate: from when it was let go until a second
-- after its answer (held_until), or, for a request whose instance died before the answer, until the longest a
-- request can take. Rows past held_until are deleted as new places are taken, so the table stays small.
CREATE TABLE send_slots (
  slot_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  held_until timestamptz NOT NULL
);
CREATE INDEX send_slots_held_until ON send_slots (held_until);

-- Teams asked us to slow down (429 with Retry-After): no instance lets a request go before paused_until.
CREATE TABLE send_pause (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  paused_until timestamptz NOT NULL
);

-- Takes a place for one request if fewer than `rate` are held, answering its slot_id; otherwise answers how
-- many milliseconds to wait before asking again (at most window_ms: a held place frees window_ms after its
-- answer). Callers queue on a transaction-level advisory lock for this schema, so each one counts after the
-- one before it has committed. The times are the server's, one clock for every instance.
CREATE FUNCTION take_send_slot(rate integer, hold_ms integer, window_ms integer,
                               OUT slot_id bigint, OUT wait_ms integer)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  at timestamptz;
  held integer;
  first_free timestamptz;
  paused timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(7012, hashtext(current_schema()));
  at := clock_timestamp();
  SELECT paused_until INTO paused FROM send_pause;
  IF paused > at THEN
    wait_ms := ceil(extract(epoch FROM paused - at) * 1000);
    RETURN;
  END IF;
  DELETE FROM send_slots WHERE held_until <= at;
  SELECT count(*), min(held_until) INTO held, first_free FROM send_slots;
  IF held < rate THEN
    INSERT INTO send_slots (held_until) VALUES (at + hold_ms * interval '1 millisecond')
      RETURNING send_slots.slot_id INTO slot_id;
  ELSE
    wait_ms := least(window_ms, greatest(1, ceil(extract(epoch FROM first_free - at) * 1000)));
  END IF;
END
$$;
