-- Version migrations of running contacts: what was asked, and where each run it concerned stands.
create table migrations (
  id              text primary key,
  account_id      text not null,
  automation_key  text not null,
  from_version    integer not null,
  to_version      integer not null,
  steps           jsonb not null,
  created_at      timestamptz not null default now()
);
create index migrations_automation on migrations (account_id, automation_key, created_at desc);

-- One row per run of the from-version when the migration was asked: signalled (moves at its next
-- step boundary), moved, refused (its step has no mapping), ended (it ended first) or failed (it
-- could not be signalled).
create table migration_runs (
  migration_id  text not null references migrations (id),
  workflow_id   text not null,
  step          text,
  to_step       text,
  state         text not null,
  reason        text,
  updated_at    timestamptz not null default now(),
  primary key (migration_id, workflow_id)
);
