-- The CRM the actions act on. Every row carries account_id and every query filters on it;
-- ids are text with a prefix (u_, note_, task_, …) and unique across accounts.

-- Accounts of one organization may copy contacts to each other (copy_contact).
alter table accounts add column organization_id text;
create index accounts_organization on accounts (organization_id) where organization_id is not null;

create table users (
  id          text primary key,
  account_id  text not null references accounts (id),
  name        text not null,
  email       text,
  phone       text,
  created_at  timestamptz not null default now()
);
create index users_account on users (account_id);

create table teams (
  id          text primary key,
  account_id  text not null references accounts (id),
  name        text not null,
  created_at  timestamptz not null default now(),
  unique (account_id, name)
);

create table team_members (
  team_id  text not null references teams (id) on delete cascade,
  user_id  text not null references users (id) on delete cascade,
  primary key (team_id, user_id)
);

-- Phones are stored normalised (digits and a leading +), so the V1 index serves lookups as is.
create index contacts_owner on contacts (account_id, owner_id) where owner_id is not null;
create index contacts_created on contacts (account_id, created_at desc);
create index contacts_fields on contacts using gin (fields jsonb_path_ops);
create index contact_tags_tag on contact_tags (tag, contact_id);

create table contact_followers (
  contact_id  text not null references contacts (id) on delete cascade,
  user_id     text not null references users (id) on delete cascade,
  added_at    timestamptz not null default now(),
  primary key (contact_id, user_id)
);

create table lists (
  id          text primary key,
  account_id  text not null references accounts (id),
  name        text not null,
  created_at  timestamptz not null default now(),
  unique (account_id, name)
);

create table list_members (
  list_id     text not null references lists (id) on delete cascade,
  contact_id  text not null references contacts (id) on delete cascade,
  added_at    timestamptz not null default now(),
  primary key (list_id, contact_id)
);
create index list_members_contact on list_members (contact_id);

create table notes (
  id          text primary key,
  account_id  text not null references accounts (id),
  contact_id  text not null references contacts (id) on delete cascade,
  body        text not null,
  -- {workflowId, stepId} of the automation step that wrote it, or {via: "api"}
  source      jsonb not null default '{}',
  created_at  timestamptz not null default now()
);
create index notes_contact on notes (account_id, contact_id, created_at desc);

create table tasks (
  id           text primary key,
  account_id   text not null references accounts (id),
  contact_id   text not null references contacts (id) on delete cascade,
  title        text not null,
  body         text,
  assignee_id  text references users (id) on delete set null,
  due_at       timestamptz,
  status       text not null default 'open',
  source       jsonb not null default '{}',
  created_at   timestamptz not null default now()
);
create index tasks_contact on tasks (account_id, contact_id, created_at desc);
create index tasks_assignee on tasks (account_id, assignee_id, status) where assignee_id is not null;

create table pipelines (
  id          text primary key,
  account_id  text not null references accounts (id),
  name        text not null,
  -- stage names in board order
  stages      jsonb not null,
  created_at  timestamptz not null default now(),
  unique (account_id, name)
);

-- A contact has at most one opportunity per pipeline (upsert_opportunity).
create table opportunities (
  id           text primary key,
  account_id   text not null references accounts (id),
  contact_id   text not null references contacts (id) on delete cascade,
  pipeline_id  text not null references pipelines (id),
  name         text not null,
  stage        text not null,
  status       text not null,
  value        numeric(14, 2),
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  unique (contact_id, pipeline_id)
);
create index opportunities_pipeline on opportunities (account_id, pipeline_id, stage);

create table appointments (
  id          text primary key,
  account_id  text not null references accounts (id),
  contact_id  text not null references contacts (id) on delete cascade,
  title       text,
  starts_at   timestamptz not null,
  ends_at     timestamptz,
  status      text not null,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
create index appointments_contact on appointments (account_id, contact_id, created_at desc);

-- Account custom values: account.values.<name> in templates and conditions.
create table account_values (
  account_id  text not null references accounts (id),
  name        text not null,
  value       text not null,
  updated_at  timestamptz not null default now(),
  primary key (account_id, name)
);

-- Round robin: the number of turns an assign_owner step has handed out.
create table owner_rotations (
  account_id      text not null references accounts (id),
  automation_key  text not null,
  step_id         text not null,
  turns           bigint not null,
  updated_at      timestamptz not null default now(),
  primary key (account_id, automation_key, step_id)
);

create index enrollments_contact_automation on enrollments (account_id, contact_id, automation_key, started_at desc);

-- What every change raised: the one path events leave the store by (event routing reads here).
-- An event id is unique within its account: a repeated id is the same event, ingested once.
create table events (
  id           text not null,
  account_id   text not null references accounts (id),
  type         text not null,
  contact_id   text,
  occurred_at  timestamptz not null,
  data         jsonb not null default '{}',
  -- {workflowId, stepId} of the action that caused it, or {via: "api"}
  source       jsonb not null default '{}',
  created_at   timestamptz not null default now(),
  primary key (account_id, id)
);
create index events_contact on events (account_id, contact_id, occurred_at desc);
create index events_type on events (account_id, type, occurred_at desc);

-- What each step did to a contact: the timeline and per-step stats. One row per action key.
create table step_log (
  id               bigserial primary key,
  idempotency_key  text not null unique,
  account_id       text not null references accounts (id),
  contact_id       text,
  workflow_id      text not null,
  automation_key   text,
  step_id          text not null,
  type             text not null,
  outcome          text not null,
  detail           text,
  at               timestamptz not null default now()
);
create index step_log_contact on step_log (account_id, contact_id, at desc);
create index step_log_step on step_log (account_id, automation_key, step_id, outcome);

-- A retried action answers what its first attempt did (the same new contact id, not a second one).
alter table action_ledger add column result jsonb;
create index action_ledger_contact on action_ledger (account_id, contact_id);
