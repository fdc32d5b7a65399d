-- what a listener may replay: everything but staff-only events, which in a large room are most of the log (every
-- audience arrival and departure); the replay of a non-staff subscriber reads this index (EventLog.afterFor)
CREATE INDEX room_events_unstaffed_idx ON room_events (room_id, seq) WHERE audience <> 'STAFF';
