-- Light heartbeats (ADR 0013). A site agent sends its inventory in full only now and then and a
-- digest of it otherwise. The site row keeps the digest of the last full heartbeat applied to its
-- host rows: a light heartbeat with the same digest proves the inventory unchanged and writes
-- liveness only. Null: unknown (an agent that sends no digest, or host rows changed since by a
-- host-state report or the lifecycle sweep), so light heartbeats wait for the next full one.
-- (V8, not V7: V7 is taken on another branch.)
alter table site add column inventory_digest text;
