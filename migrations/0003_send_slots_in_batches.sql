-- The shared send rate, a batch of places at a time (src/store/postgres/rate.ts): one statement gives an instance
-- places for up to `wanted` of its waiting requests, where take_send_slot gives one, so an instance sending
-- hundreds a second asks the database tens of times a second. Counted as take_send_slot counts, under the same
-- lock and in the same table, so instances of either version running side by side share one rate.

-- Places for up to `wanted` requests, as many as keep fewer than `rate` held, a row each (wait_ms empty); or,
-- when none is free, one row answering how many milliseconds to wait before asking again (slot_id empty).
CREATE FUNCTION take_send_slots(rate integer, wanted integer, hold_ms integer, window_ms integer)
RETURNS TABLE (slot_id bigint, wait_ms integer)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  at timestamptz;
  held integer;
  first_free timestamptz;
  paused timestamptz;
  free integer;
BEGIN
  PERFORM pg_advisory_xact_lock(7012, hashtext(current_schema()));
  at := clock_timestamp();
  SELECT paused_until INTO paused FROM send_pause;
  IF paused > at THEN
    RETURN QUERY SELECT NULL::bigint, ceil(extract(epoch FROM paused - at) * 1000)::integer;
    RETURN;
  END IF;
  DELETE FROM send_slots WHERE held_until <= at;
  SELECT count(*), min(held_until) INTO held, first_free FROM send_slots;
  free := least(wanted, rate - held);
  IF free > 0 THEN
    RETURN QUERY
      WITH taken AS (
        INSERT INTO send_slots (held_until)
        SELECT at + hold_ms * interval '1 millisecond' FROM generate_series(1, free)
        RETURNING send_slots.slot_id
      )
      SELECT taken.slot_id, NULL::integer FROM taken;
  ELSE
    RETURN QUERY SELECT NULL::bigint,
      least(window_ms, greatest(1, ceil(extract(epoch FROM first_free - at) * 1000)))::integer;
  END IF;
END
$$;
