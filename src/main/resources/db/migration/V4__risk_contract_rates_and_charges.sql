-- F4: what the dunning policy decides on (risk class), a customer's contractual late-payment rate,
-- and the late charges stated to the customer, recorded once on the invoice.
alter table customer add column risk_class varchar(16);
alter table customer add column contract_interest_rate numeric(7, 4);

-- The latest statement of interest (replaced, never added to: interest is a running total) and the
-- fixed compensation (charged once per invoice).
alter table invoice add column late_interest numeric(19, 4);
alter table invoice add column late_compensation numeric(19, 4);
alter table invoice add column charges_as_of date;

-- A promise or dispute recorded by a collector or salesperson (not through the customer's link).
alter table customer_answer add column answered_by varchar(64);
