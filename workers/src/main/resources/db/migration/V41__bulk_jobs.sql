-- Bulk enrollment jobs: one durable workflow each; their progress, and what became of each contact
-- (one row per contact: a retried page counts nobody twice).
create table bulk_jobs (
  id              text primary key,
  account_id      text not null references accounts (id),
  automation_key  text not null,
  source          jsonb not null,
  state           text not null,
  total           bigint,
  enrolled        bigint not null default 0,
  failed          bigint not null default 0,
  skipped         jsonb not null default '{}'::jsonb,
  created_at      timestamptz not null default now(),
  finished_at     timestamptz,
  reason          text
);

-- the contact ids a job was given, when it was given ids
create table bulk_job_targets (
  job_id      text not null references bulk_jobs (id) on delete cascade,
  contact_id  text not null,
  primary key (job_id, contact_id)
);

create table bulk_job_outcomes (
  job_id      text not null references bulk_jobs (id) on delete cascade,
  contact_id  text not null,
  outcome     text not null,
  primary key (job_id, contact_id)
);
