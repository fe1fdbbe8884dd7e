-- F4: money received beyond what an invoice still asked for, kept on the invoice until accounting
-- refunds or allocates it. Null: never overpaid. Portable SQL (H2, PostgreSQL).
alter table invoice add column overpaid_amount numeric(19, 4);
