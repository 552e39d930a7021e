-- 0005: figures that never move.
-- A person with history (invitations, attendance, seats in a body) is archived, never deleted:
-- the figures of past periods keep counting them, as they already keep archived organisations.
ALTER TABLE person ADD COLUMN archived_at TEXT;

-- The bilan reads every invitation and mark of a year's meetings (tens of thousands of rows):
-- covering indexes let SQLite read them in meeting order without visiting each table row
-- (figures of a year with N-1 under 30 ms on ten years of data: docs/measurements.md). They
-- start with meeting_id, so they also serve the check-in's lookups by meeting of 0003.
CREATE INDEX invitation_figures ON invitation(meeting_id, deleted_at, person_id, organisation_id, is_member, reply);
CREATE INDEX attendance_figures ON attendance(meeting_id, deleted_at, person_id, id, person_category, organisation_id, status,
    is_member, walk_in, stand_in_for_person_id);
DROP INDEX invitation_meeting;
DROP INDEX attendance_meeting;
