-- Liveness from the report clock (ADR 0011). A heartbeat's time is its Kafka timestamp (bounded by
-- when it was applied), and silence is judged against how far the report consumer has applied
-- each partition of fleet.site-reports.v1, never against the wall clock alone: a backlog of
-- reports must not make healthy hosts look silent.

-- The report partition the site's heartbeats arrive on: its silence is judged on that partition's clock.
alter table site add column report_partition integer;
-- The hash of the inventory last written to the site's host rows (null: the next heartbeat writes
-- them again). A heartbeat with the same inventory updates only the site row.
alter table site add column inventory_hash text;
-- The heartbeat time of that inventory. Hosts whose last_seen_at is at least this are listed in
-- the site's current inventory and are seen whenever the site is (site.last_heartbeat_at).
alter table site add column inventory_at timestamptz;

-- How far placement has applied each report partition: the offset of the newest record whose
-- batch committed, and that record's Kafka timestamp (bounded by when it was applied). Written in
-- the transaction of the batch, so "applied" means committed; read by every replica's sweeper.
create table report_clock (
    topic          text        not null,
    partition      integer     not null,
    applied_offset bigint      not null,
    applied_at     timestamptz not null,
    primary key (topic, partition)
);
