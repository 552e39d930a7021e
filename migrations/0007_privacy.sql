-- 0007: personal data (RGPD): erasure, consent, retention, the journal (docs/privacy.md).

-- A person gains consent to be contacted (what, when, how) and the date of their erasure. An
-- erased person keeps their row (id, category, dates): the figures of every period count them as
-- before; their identity is gone, so the name check now holds only for people not erased. SQLite
-- cannot change a CHECK in place: the table is rebuilt, rowids kept (the full-text index points
-- at them), with foreign keys off for the migration (db::migrate checks them after each file).
CREATE TABLE person_0007 (
    id               TEXT PRIMARY KEY NOT NULL,
    civility         TEXT CHECK (civility IN ('madame', 'monsieur')),
    first_name       TEXT,
    last_name        TEXT,
    category         TEXT NOT NULL CHECK (category IN ('professionnel', 'benevole', 'elu', 'habitant',
                         'decideur', 'intervenant', 'autre')),
    email            TEXT,                     -- stored lower-case
    phone            TEXT,
    notes            TEXT CHECK (notes IS NULL OR length(notes) <= 500),
    sort_key         TEXT NOT NULL,            -- folded "last first", for accent-insensitive ordering
    search_text      TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT,
    archived_at      TEXT,
    -- Consent to be contacted by the network (invitations, minutes): given or withdrawn, on a
    -- date, by a means. Withdrawn keeps the person out of mailings.
    contact_consent  TEXT CHECK (contact_consent IN ('donne', 'retire')),
    consent_date     TEXT,
    consent_method   TEXT CHECK (consent_method IN ('bulletin_papier', 'courriel', 'oral', 'formulaire')),
    erased_at        TEXT,
    CHECK (erased_at IS NOT NULL OR coalesce(trim(first_name), '') <> '' OR coalesce(trim(last_name), '') <> ''),
    CHECK (erased_at IS NULL OR (civility IS NULL AND first_name IS NULL AND last_name IS NULL AND email IS NULL
                                 AND phone IS NULL AND notes IS NULL AND consent_date IS NULL AND consent_method IS NULL
                                 AND contact_consent IS NULL AND search_text = ''))
) STRICT;
INSERT INTO person_0007 (rowid, id, civility, first_name, last_name, category, email, phone, notes, sort_key, search_text,
                         created_at, updated_at, deleted_at, archived_at)
SELECT rowid, id, civility, first_name, last_name, category, email, phone, notes, sort_key, search_text,
       created_at, updated_at, deleted_at, archived_at
FROM person;
DROP TABLE person;
ALTER TABLE person_0007 RENAME TO person;
CREATE UNIQUE INDEX person_email ON person(email) WHERE email IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX person_sort ON person(sort_key);
CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN
    INSERT INTO person_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN
    INSERT INTO person_search (person_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER person_search_update AFTER UPDATE OF search_text ON person BEGIN
    INSERT INTO person_search (person_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO person_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- A deleted entry of the search index is removed from its pages at once, not left in an older
-- segment until a merge: an erased name leaves no trigram behind.
INSERT INTO person_search (person_search, rank) VALUES ('secure-delete', 1);
-- People deleted before this version kept their identity in the file: a tombstone keeps none.
UPDATE person SET civility = NULL, first_name = NULL, last_name = NULL, email = NULL, phone = NULL, notes = NULL,
                  sort_key = '', search_text = '', erased_at = deleted_at
WHERE deleted_at IS NOT NULL;
-- Rebuilt once, so that no older segment of the index keeps a trigram of those names.
INSERT INTO person_search (person_search) VALUES ('optimize');

-- The journal: who changed what, when, from where. Append-only (written by the connection's
-- triggers, see journal.rs); it names tables, records and fields, never their content.
CREATE TABLE journal (
    id          TEXT PRIMARY KEY NOT NULL,
    at          TEXT NOT NULL,                -- RFC 3339, UTC
    os_user     TEXT NOT NULL,                -- the operating system's user
    machine     TEXT NOT NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('application', 'ligne_de_commande', 'import', 'fusion')),
    action      TEXT NOT NULL CHECK (action IN ('creation', 'modification', 'suppression', 'effacement')),
    table_name  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    person_id   TEXT,                         -- the person the record is about, when there is one
    fields      TEXT                          -- the columns changed, comma-separated
) STRICT;
CREATE INDEX journal_at ON journal(at);
CREATE INDEX journal_record ON journal(record_id);
CREATE INDEX journal_person ON journal(person_id) WHERE person_id IS NOT NULL;

-- People kept past their retention period on purpose, with the reason (asked at the purge).
CREATE TABLE retention_hold (
    person_id   TEXT PRIMARY KEY NOT NULL REFERENCES person(id),
    reason      TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 300),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- The settings gain the retention periods per category of person, the journal's own retention
-- and the day of the last yearly purge. Rebuilt as in 0006 (no links, no triggers).
CREATE TABLE setting_0007 (
    key         TEXT PRIMARY KEY NOT NULL CHECK (key IN ('agency_name', 'secretariat_email', 'agency_town',
                    'backup_keep_recent', 'backup_keep_months', 'copy_lock_minutes',
                    'retention_professionnel', 'retention_benevole', 'retention_elu', 'retention_habitant',
                    'retention_decideur', 'retention_intervenant', 'retention_autre',
                    'journal_keep_years', 'last_purge_on')),
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
INSERT INTO setting_0007 (key, value, updated_at) SELECT key, value, updated_at FROM setting;
DROP TABLE setting;
ALTER TABLE setting_0007 RENAME TO setting;
