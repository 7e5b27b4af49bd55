-- People and work through the API: tasks are completed (task.completed), appointments name
-- their calendar and are listed per account.
alter table tasks add column completed_at timestamptz;
create index tasks_account_status on tasks (account_id, status, created_at desc);

alter table appointments add column calendar text;
create index appointments_account on appointments (account_id, starts_at desc);
