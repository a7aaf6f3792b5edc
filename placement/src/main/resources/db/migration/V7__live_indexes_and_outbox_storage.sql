-- Every request batch rebuilds the plan of each site it changed from the site's live clusters and
-- network functions. The site_id indexes also hold every DELETED and FAILED row the site ever had
-- (ephemeral clusters come and go all day), so that read grew with the site's history: after a few
-- minutes at 4,000 requests/s it was the most expensive statement of the request path. These
-- partial indexes hold live rows only. They replace the full ones: every query by site asks for
-- live rows with this same predicate, and with both indexes present the planner, on statistics
-- taken while the table was young (all rows live), kept choosing the full one.
create index cluster_live_site on cluster (site_id) where status not in ('DELETED', 'FAILED');
drop index cluster_site;
create index network_function_live_site on network_function (site_id) where status not in ('DELETED', 'FAILED');
drop index network_function_site;

-- The outbox is a queue (V6): rows live for milliseconds. Site plans are often over the 2 kB at
-- which PostgreSQL compresses a row, so each plan was compressed on insert and decompressed again
-- by the relay for nothing. Rows up to a page now stay inline as written. Every row is a dead
-- tuple within a second, so autovacuum may take it at any size (the relay also vacuums it itself:
-- autovacuum visits a database once a minute, far too rarely for a queue; see OutboxVacuum).
alter table outbox set (toast_tuple_target = 8160,
                        autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000,
                        autovacuum_vacuum_cost_delay = 0);
