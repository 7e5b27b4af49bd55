-- Accounts and their API keys (only the SHA-256 of a key is kept).
create table accounts (
  id          text primary key,
  name        text not null,
  created_at  timestamptz not null default now()
);

create table api_keys (
  key_hash    text primary key,
  account_id  text not null references accounts (id),
  label       text not null,
  created_at  timestamptz not null default now()
);

create table contacts (
  id          text primary key,
  account_id  text not null references accounts (id),
  email       text,
  phone       text,
  first_name  text,
  last_name   text,
  timezone    text,
  owner_id    text,
  score       integer not null default 0,
  fields      jsonb not null default '{}',
  dnd         jsonb not null default '{}',
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
create unique index contacts_email on contacts (account_id, lower(email)) where email is not null;
create index contacts_phone on contacts (account_id, phone) where phone is not null;

create table contact_tags (
  contact_id  text not null references contacts (id) on delete cascade,
  tag         text not null,
  added_at    timestamptz not null default now(),
  primary key (contact_id, tag)
);

create table automations (
  id              bigserial primary key,
  account_id      text not null references accounts (id),
  key             text not null,
  name            text,
  status          text not null,
  active_version  integer,
  latest_version  integer not null,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  unique (account_id, key)
);

create table automation_versions (
  id             bigserial primary key,
  automation_id  bigint not null references automations (id),
  version        integer not null,
  definition     text not null,
  created_at     timestamptz not null default now(),
  unique (automation_id, version)
);

-- One row per run of a contact through an automation: the source of truth for re-enrollment.
create table enrollments (
  workflow_id     text not null,
  run_id          text not null,
  account_id      text not null references accounts (id),
  automation_key  text not null,
  version         integer not null,
  contact_id      text not null,
  state           text not null,
  started_at      timestamptz not null default now(),
  ended_at        timestamptz,
  reason          text,
  primary key (workflow_id, run_id)
);
create index enrollments_contact on enrollments (account_id, contact_id);
create index enrollments_automation on enrollments (account_id, automation_key, state);

-- Idempotency keys of the actions already applied: a retried or replayed action finds its key here.
create table action_ledger (
  idempotency_key  text primary key,
  account_id       text not null,
  contact_id       text,
  action           text not null,
  done_at          timestamptz not null default now()
);
