-- Whoever routes an event holds it for a while: the process that stored it for 30 seconds from
-- created_at, then, the event still unrouted (that process stopped, or routing failed), whichever
-- process claims it until routing_until.
alter table events add column routing_until timestamptz;
