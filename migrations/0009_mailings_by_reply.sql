-- 0009: mailings by reply status (#13). Besides the invitation and the minutes, the secretariat
-- writes reminders (to those who have not replied), thanks (to those present) and cancellations
-- (to everyone invited); each mailing records whom it went to. SQLite cannot change a CHECK in
-- place: the log is rebuilt (foreign keys are off during migrations, db::migrate checks them after).
-- Mailings made before went to everyone invited.
CREATE TABLE mailing_log_0009 (
    id           TEXT PRIMARY KEY NOT NULL,
    meeting_id   TEXT NOT NULL REFERENCES meeting(id),
    purpose      TEXT NOT NULL CHECK (purpose IN ('invitation', 'relance', 'compte_rendu', 'remerciement', 'annulation')),
    audience     TEXT NOT NULL DEFAULT 'tous' CHECK (audience IN ('tous', 'sans_reponse', 'presents_excuses', 'presents')),
    format       TEXT NOT NULL CHECK (format IN ('eml_cci', 'eml_individuels', 'ics', 'adresses', 'lettre')),
    recipients   INTEGER NOT NULL CHECK (recipients >= 0),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
INSERT INTO mailing_log_0009 (id, meeting_id, purpose, audience, format, recipients, created_at, updated_at, deleted_at)
    SELECT id, meeting_id, purpose, 'tous', format, recipients, created_at, updated_at, deleted_at FROM mailing_log;
DROP TABLE mailing_log;
ALTER TABLE mailing_log_0009 RENAME TO mailing_log;
CREATE INDEX mailing_log_meeting ON mailing_log(meeting_id);

