-- Contacts that meet a segment trigger's condition: a contact enrolls when it starts to meet it.
create table segment_members (
  account_id      text not null,
  automation_key  text not null,
  contact_id      text not null,
  since           timestamptz not null default now(),
  primary key (account_id, automation_key, contact_id)
);

create index enrollments_running on enrollments (account_id, contact_id) where state = 'running';
create index enrollments_started on enrollments (workflow_id, started_at);
