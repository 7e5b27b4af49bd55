-- The events still to route, one narrow row each, instead of routed_at on the events row: the row
-- is written by the statement that stores the event and deleted once the event is routed. Marking
-- the wide events row routed was an update that could never be HOT (routed_at was in the partial
-- index's predicate): a new copy of the row, its jsonb and an entry in every index, about the cost
-- of storing the event again. Claims are as in V21: the storer has an event for 30 seconds from
-- created_at; after that, or once a claim's routing_until has passed, any process may claim it.
create table event_outbox (
  account_id    text not null,
  id            text not null,
  created_at    timestamptz not null,
  routing_until timestamptz,
  primary key (account_id, id)
);
-- oldest first, for recovery and the routing lag
create index event_outbox_created on event_outbox (created_at);

insert into event_outbox (account_id, id, created_at, routing_until)
select account_id, id, created_at, routing_until from events where routed_at is null;

drop index events_unrouted;
alter table events drop column routed_at, drop column routing_until;
