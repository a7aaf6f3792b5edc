-- The outbox is a queue, not a log: the relay deletes a row once the broker acknowledged it (the
-- events themselves live on in Kafka). Stamping rows sent kept every event ever published in the
-- table and made each one cost an insert, an update and a partial-index entry.
delete from outbox where sent_at is not null;
drop index outbox_unsent;
alter table outbox drop column sent_at;

-- Headers as two parallel text arrays (name i has value i, in publishing order) instead of a JSON
-- object: written and read per row by the request path and the relay without a JSON round trip,
-- and still readable in psql.
alter table outbox add column header_names text[], add column header_values text[];
update outbox set header_names = (select coalesce(array_agg(key order by key), '{}') from jsonb_each_text(headers::jsonb)),
                  header_values = (select coalesce(array_agg(value order by key), '{}') from jsonb_each_text(headers::jsonb));
alter table outbox alter column header_names set not null, alter column header_values set not null;
alter table outbox drop column headers;
