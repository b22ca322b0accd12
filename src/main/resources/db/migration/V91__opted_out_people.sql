-- "Opted out" in a flow report counts the people whose enrollment of the flow ended because they opted out:
-- with the customer in the index, that is an index-only scan (those rows never change again, so their pages
-- are all-visible after a vacuum) instead of a heap fetch per person.
CREATE INDEX enrollments_opted_out_people_idx ON enrollments (flow_id, exited_at) INCLUDE (customer_id)
    WHERE exit_reason = 'opted_out';
DROP INDEX enrollments_opted_out_idx;
