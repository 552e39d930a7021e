-- 0005: figures that never move.
-- A person with history (invitations, attendance, seats in a body) is archived, never deleted:
-- the figures of past periods keep counting them, as they already keep archived organisations.
ALTER TABLE person ADD COLUMN archived_at TEXT;
