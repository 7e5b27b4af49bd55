-- Drip steps release contacts in batches shared by every run that reaches the step.
create table drip_batches (
  account_id      text not null,
  automation_key  text not null,
  step_id         text not null,
  batch_at        timestamptz not null,
  released        integer not null,
  primary key (account_id, automation_key, step_id)
);

-- The release time given to each arrival, by its action key: a retried reservation gets the same.
create table drip_reservations (
  idempotency_key  text primary key,
  release_at       timestamptz not null
);
