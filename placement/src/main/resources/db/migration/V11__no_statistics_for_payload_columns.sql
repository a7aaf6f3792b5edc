-- Autovacuum analyzes the placement tables about once a minute while they grow, and the bench's
-- worst seconds lined up with those rounds: "automatic analyze of table cluster" took 0.24 s of
-- CPU (0.61 s elapsed) on a 2-core machine already 60 % busy, most of it detoasting and comparing
-- the sampled jsonb documents. No query filters, joins or sorts on these columns, so their
-- statistics are never used: analyze skips a column whose statistics target is 0.
alter table cluster alter column spec set statistics 0;
alter table cluster alter column reason set statistics 0;
alter table network_function alter column spec set statistics 0;
alter table network_function alter column reason set statistics 0;
alter table request alter column outcome set statistics 0;
alter table request alter column outcome_event_id set statistics 0;
alter table allocation alter column vfs set statistics 0;
alter table allocation alter column failure_reason set statistics 0;
alter table outbox alter column payload set statistics 0;
alter table outbox alter column header_names set statistics 0;
alter table outbox alter column header_values set statistics 0;
