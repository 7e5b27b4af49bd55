-- Routing is recorded per event: what a crash left unrouted is routed at the next start.
alter table events add column routed_at timestamptz;
update events set routed_at = created_at;
create index events_unrouted on events (created_at) where routed_at is null;
