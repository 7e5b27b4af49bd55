-- An automation's numbers per version, kept as counters as runs pass steps: never counted by
-- scanning runs. step_id '' holds the run's own counters (enrolled, completed, exited, failed,
-- goals_met, migrated_in, migrated_out); a step's are entered, active, completed, failed, left
-- and path:<name>.
create table step_counts (
  account_id      text not null,
  automation_key  text not null,
  version         integer not null,
  step_id         text not null,
  name            text not null,
  n               bigint not null default 0,
  primary key (account_id, automation_key, version, step_id, name)
);

-- Each mark a run makes (entering or leaving a step visit) counts once: a retried or replayed
-- flush of the same mark changes nothing twice.
create table step_marks (
  mark_key  text primary key,
  at        timestamptz not null default now()
);

-- The steps each live run is on now (several after a fork): the enrollments listing by step.
create table run_positions (
  workflow_id     text not null,
  step_id         text not null,
  account_id      text not null,
  automation_key  text not null,
  since           timestamptz not null default now(),
  primary key (workflow_id, step_id)
);
create index run_positions_step on run_positions (account_id, automation_key, step_id);

create index enrollments_listing on enrollments (account_id, automation_key, started_at desc, workflow_id);

-- runs recorded before the counters: their enrollments and ends, once
insert into step_counts (account_id, automation_key, version, step_id, name, n)
select account_id, automation_key, version, '', 'enrolled', count(*)
from enrollments group by account_id, automation_key, version;
insert into step_counts (account_id, automation_key, version, step_id, name, n)
select account_id, automation_key, version, '', state, count(*)
from enrollments where state in ('completed', 'exited', 'failed')
group by account_id, automation_key, version, state;
