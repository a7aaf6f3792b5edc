-- What the retention job (io.edgefleet.placement.retention) looks for, oldest first, a few hundred
-- rows per transaction: ended clusters and network functions by when they last changed, and request
-- log rows by when they arrived. Without these every batch would scan the whole table it purges.
--
-- The two partial indexes hold ended rows only: an entry is written once per ended cluster or network
-- function, by the update that ends it. They do make updated_at an indexed column, so an update of a
-- live row that changes no other indexed column (a scale: spec and updated_at) is no longer a HOT
-- update; status changes were not HOT already (V7's predicates read status). The request index costs
-- every request one more index entry, at the right-hand edge of the tree (received_at only grows); a
-- BRIN index would be cheaper to write but stops narrowing anything once purged pages are reused by
-- new rows, whose times widen the old ranges.
--
-- CONCURRENTLY: on an upgrade these tables hold everything ever written (that is why the job exists),
-- and a plain build would stop every insert into them, and so the request path of every replica, for
-- as long as it takes. Flyway runs a migration made only of such statements outside a transaction
-- (and MigrationSessionLock keeps its own lock out of one, which the build would wait for). "if not
-- exists": after a failed attempt (and a Flyway repair) it runs again over the indexes already built;
-- a build that failed half way leaves an INVALID index (psql's \d says so) that it would keep: drop
-- that one first.
create index concurrently if not exists cluster_ended on cluster (updated_at)
    where status in ('DELETED', 'FAILED');
create index concurrently if not exists network_function_ended on network_function (updated_at)
    where status in ('DELETED', 'FAILED');
create index concurrently if not exists request_received on request (received_at);
