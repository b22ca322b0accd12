-- An enrollment the runtime cannot advance (its flow version throws or no longer loads, a signal or its state
-- cannot be read, PostgreSQL refuses what it would write) is set aside instead of failing the wake-up batch it
-- is in: status 'failed' (status is free text, no constraint to widen), exit_reason 'failed', exited_at and
-- failed_at the moment it was set aside, and the error in failure. Its state and step stay as they were.
ALTER TABLE enrollments ADD COLUMN failure TEXT, ADD COLUMN failed_at TIMESTAMPTZ;

-- The dashboard counts and lists a flow's failed enrollments: few rows, so a small partial index.
CREATE INDEX enrollments_failed_idx ON enrollments (flow_id, failed_at) WHERE status = 'failed';
