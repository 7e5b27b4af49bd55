-- Every stored event paid for an index on (account_id, type, occurred_at) that one query reads: the
-- goals met per automation (StoreCounts). A partial index holds only those events, keyed as that
-- query asks; every other event is stored with one index fewer.
drop index if exists events_type;
create index events_goal_met on events (account_id, (data ->> 'automationKey'))
  where type = 'automation.goal_met';
