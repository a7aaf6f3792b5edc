-- The CloudEvent id of a request's one outcome: answering a duplicate (or a redelivery after a
-- crash) re-publishes the SAME event id, so consumers that dedupe by id see one outcome.
alter table request add column outcome_event_id text;
