-- 0002: bodies (instances), their members, meetings and their sessions, invitations, attendance,
-- and the log of what was sent. Same conventions as 0001 (UUID ids, timestamps, tombstones).

CREATE TABLE body (
    id                TEXT PRIMARY KEY NOT NULL,
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind              TEXT NOT NULL CHECK (kind IN ('pleniere', 'copil', 'comite_suivi',
                          'commission_suivi_orientation', 'comite_technique', 'groupe_travail', 'groupe_terrain',
                          'groupe_veille', 'reseau', 'rencontre_annuelle', 'rencontre_etape', 'colloque', 'autre')),
    theme             TEXT,
    frequency_label   TEXT,                       -- as people say it: « mensuelle », « 2 par an »
    frequency_months  INTEGER CHECK (frequency_months IS NULL OR frequency_months BETWEEN 1 AND 120),
    start_date        TEXT,
    end_date          TEXT,
    work_axes         TEXT,                       -- working groups: their axes of work
    name_key          TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT,
    CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE UNIQUE INDEX body_name ON body(name_key) WHERE deleted_at IS NULL;

-- A member is a person, an organisation, or a person on behalf of an organisation.
-- Non-member guests (invite_non_membre) are listed here too but never count as members.
CREATE TABLE body_member (
    id               TEXT PRIMARY KEY NOT NULL,
    body_id          TEXT NOT NULL REFERENCES body(id),
    person_id        TEXT REFERENCES person(id),
    organisation_id  TEXT REFERENCES organisation(id),
    role             TEXT NOT NULL CHECK (role IN ('pilote', 'copilote', 'animateur', 'membre', 'rapporteur',
                         'invite_non_membre')),
    start_date       TEXT,
    end_date         TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT,
    CHECK (person_id IS NOT NULL OR organisation_id IS NOT NULL),
    CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX body_member_body ON body_member(body_id);
CREATE INDEX body_member_person ON body_member(person_id);
CREATE INDEX body_member_organisation ON body_member(organisation_id);

CREATE TABLE meeting (
    id               TEXT PRIMARY KEY NOT NULL,
    body_id          TEXT NOT NULL REFERENCES body(id),
    title            TEXT,
    date             TEXT NOT NULL,               -- local date (Europe/Paris), YYYY-MM-DD
    start_time       TEXT,                        -- local time HH:MM
    end_time         TEXT,
    place            TEXT,
    status           TEXT NOT NULL DEFAULT 'prevue' CHECK (status IN ('prevue', 'tenue', 'annulee', 'reportee')),
    agenda           TEXT,
    minutes_text     TEXT,
    minutes_path     TEXT,                        -- a document kept outside the database…
    minutes_sha256   TEXT,                        -- …and its fingerprint when it was attached
    minutes_sent_on  TEXT,
    headcount        INTEGER CHECK (headcount IS NULL OR headcount >= 0),   -- anonymous visitors
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT,
    CHECK (start_time IS NULL OR end_time IS NULL OR end_time > start_time)
) STRICT;
CREATE INDEX meeting_body ON meeting(body_id, date);
CREATE INDEX meeting_date ON meeting(date);

-- Parts of a meeting (morning / afternoon) or parallel workshops, each with its own attendance.
CREATE TABLE meeting_session (
    id          TEXT PRIMARY KEY NOT NULL,
    meeting_id  TEXT NOT NULL REFERENCES meeting(id),
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    start_time  TEXT,
    end_time    TEXT,
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK (start_time IS NULL OR end_time IS NULL OR end_time > start_time)
) STRICT;
CREATE INDEX meeting_session_meeting ON meeting_session(meeting_id);

-- Who was invited, and their reply. An organisation may be invited without a named person.
-- is_member is a snapshot taken when inviting: guests never count in the members' rates.
CREATE TABLE invitation (
    id               TEXT PRIMARY KEY NOT NULL,
    meeting_id       TEXT NOT NULL REFERENCES meeting(id),
    person_id        TEXT REFERENCES person(id),
    organisation_id  TEXT REFERENCES organisation(id),
    is_member        INTEGER NOT NULL CHECK (is_member IN (0, 1)),
    reply            TEXT NOT NULL DEFAULT 'en_attente' CHECK (reply IN ('en_attente', 'accepte', 'excuse', 'decline')),
    replied_on       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT,
    CHECK (person_id IS NOT NULL OR organisation_id IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX invitation_person ON invitation(meeting_id, person_id)
    WHERE person_id IS NOT NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX invitation_organisation_only ON invitation(meeting_id, organisation_id)
    WHERE person_id IS NULL AND deleted_at IS NULL;
CREATE INDEX invitation_person_id ON invitation(person_id);

-- Who came. organisation_id is the organisation represented, as it was that day (a snapshot, so
-- that it stays right when the person changes jobs); person_category likewise, so that totals
-- survive the erasure of a person (person_id then becomes NULL).
CREATE TABLE attendance (
    id                       TEXT PRIMARY KEY NOT NULL,
    meeting_id               TEXT NOT NULL REFERENCES meeting(id),
    session_id               TEXT REFERENCES meeting_session(id),
    person_id                TEXT REFERENCES person(id),
    organisation_id          TEXT REFERENCES organisation(id),
    person_category          TEXT NOT NULL,
    status                   TEXT NOT NULL CHECK (status IN ('present', 'excuse', 'absent')),
    is_member                INTEGER NOT NULL CHECK (is_member IN (0, 1)),
    walk_in                  INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1)),
    stand_in_for_person_id   TEXT REFERENCES person(id),   -- « représenté par »: this person came for that one
    recorded_at              TEXT NOT NULL,
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL,
    deleted_at               TEXT
) STRICT;
CREATE UNIQUE INDEX attendance_once ON attendance(meeting_id, coalesce(session_id, ''), person_id)
    WHERE person_id IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX attendance_person ON attendance(person_id);

-- What was produced for the secretariat's mail client, and when (Maillage never sends mail).
CREATE TABLE mailing_log (
    id           TEXT PRIMARY KEY NOT NULL,
    meeting_id   TEXT NOT NULL REFERENCES meeting(id),
    purpose      TEXT NOT NULL CHECK (purpose IN ('invitation', 'compte_rendu')),
    format       TEXT NOT NULL CHECK (format IN ('eml_cci', 'eml_individuels', 'ics', 'adresses', 'lettre')),
    recipients   INTEGER NOT NULL CHECK (recipients >= 0),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE INDEX mailing_log_meeting ON mailing_log(meeting_id);

-- The agency's own details (name for exports, the secretariat's address for e-mail drafts).
CREATE TABLE setting (
    key         TEXT PRIMARY KEY NOT NULL CHECK (key IN ('agency_name', 'secretariat_email', 'agency_town')),
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
