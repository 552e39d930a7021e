-- 0004: working groups at work — indicators and their values, actions with their partners and
-- counts, difficulty reports (fiches de remontées) and solicitations of institutions.
-- Counts only: no individual files about the people concerned (they are vulnerable; Maillage is
-- not a case-management tool).

-- An action (projet co-défini) born in a working group.
CREATE TABLE action (
    id                    TEXT PRIMARY KEY NOT NULL,
    title                 TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description           TEXT,
    working_group_id      TEXT REFERENCES body(id),
    timescale             TEXT CHECK (timescale IN ('court', 'moyen', 'long')),
    status                TEXT NOT NULL DEFAULT 'proposee' CHECK (status IN ('proposee', 'validee', 'en_cours', 'terminee', 'abandonnee')),
    start_date            TEXT,
    end_date              TEXT,
    evaluated_meeting_id  TEXT REFERENCES meeting(id),   -- the plenary where its evaluation was presented
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    deleted_at            TEXT,
    CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX action_group ON action(working_group_id);

-- Dated history of an action's status.
CREATE TABLE action_status_event (
    id              TEXT PRIMARY KEY NOT NULL,
    action_id       TEXT NOT NULL REFERENCES action(id),
    status          TEXT NOT NULL CHECK (status IN ('proposee', 'validee', 'en_cours', 'terminee', 'abandonnee')),
    effective_date  TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
CREATE INDEX action_status_event_action ON action_status_event(action_id);

CREATE TABLE action_partner (
    id               TEXT PRIMARY KEY NOT NULL,
    action_id        TEXT NOT NULL REFERENCES action(id),
    organisation_id  TEXT NOT NULL REFERENCES organisation(id),
    role             TEXT NOT NULL CHECK (role IN ('pilote', 'copilote', 'structure_referente', 'partenaire')),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
) STRICT;
CREATE UNIQUE INDEX action_partner_once ON action_partner(action_id, organisation_id) WHERE deleted_at IS NULL;
-- One pilot at most.
CREATE UNIQUE INDEX action_one_pilot ON action_partner(action_id) WHERE role = 'pilote' AND deleted_at IS NULL;
CREATE INDEX action_partner_organisation ON action_partner(organisation_id);

-- Totals per action and period: volunteers involved, beneficiaries identified / visited / referred.
CREATE TABLE action_count (
    id            TEXT PRIMARY KEY NOT NULL,
    action_id     TEXT NOT NULL REFERENCES action(id),
    period_start  TEXT NOT NULL,
    period_end    TEXT NOT NULL,
    metric        TEXT NOT NULL CHECK (metric IN ('benevoles', 'beneficiaires_identifies', 'beneficiaires_visites', 'beneficiaires_orientes')),
    count         INTEGER NOT NULL CHECK (count >= 0),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    CHECK (period_end >= period_start)
) STRICT;
CREATE UNIQUE INDEX action_count_once ON action_count(action_id, metric, period_start, period_end) WHERE deleted_at IS NULL;

-- Indicator definitions: entered by hand, or computed from the core's figures (never retyped).
CREATE TABLE indicator (
    id           TEXT PRIMARY KEY NOT NULL,
    code         TEXT NOT NULL CHECK (length(trim(code)) > 0),
    code_key     TEXT NOT NULL,
    label        TEXT NOT NULL CHECK (length(trim(label)) > 0),
    unit         TEXT NOT NULL CHECK (unit IN ('nombre', 'pourcentage', 'euros', 'heures', 'texte')),
    scope        TEXT NOT NULL CHECK (scope IN ('reseau', 'instance', 'action')),
    body_id      TEXT REFERENCES body(id),
    action_id    TEXT REFERENCES action(id),
    formula      TEXT,                       -- computed: the code of a bilan figure; NULL when entered
    description  TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    CHECK (scope <> 'instance' OR body_id IS NOT NULL),
    CHECK (scope <> 'action' OR action_id IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX indicator_code ON indicator(code_key) WHERE deleted_at IS NULL;

-- Entered values: a number (counts, percentages 0–100, hours), cents for money, or text.
CREATE TABLE indicator_value (
    id            TEXT PRIMARY KEY NOT NULL,
    indicator_id  TEXT NOT NULL REFERENCES indicator(id),
    period_kind   TEXT NOT NULL CHECK (period_kind IN ('mois', 'trimestre', 'semestre', 'annee')),
    period_start  TEXT NOT NULL,
    period_end    TEXT NOT NULL,
    number        REAL,
    cents         INTEGER,
    text          TEXT,
    comment       TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    CHECK ((number IS NOT NULL) + (cents IS NOT NULL) + (text IS NOT NULL) = 1)
) STRICT;
CREATE UNIQUE INDEX indicator_value_once ON indicator_value(indicator_id, period_start, period_end) WHERE deleted_at IS NULL;

-- The editable list of difficulty categories.
CREATE TABLE report_category (
    id          TEXT PRIMARY KEY NOT NULL,
    label       TEXT NOT NULL,
    label_key   TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE UNIQUE INDEX report_category_label ON report_category(label_key) WHERE deleted_at IS NULL;
INSERT INTO report_category (id, label, label_key, position, created_at, updated_at) VALUES
  ('0190c001-0000-7000-8000-000000000001', 'Non-accès aux droits', 'non-acces aux droits', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c001-0000-7000-8000-000000000002', 'Délais anormalement longs', 'delais anormalement longs', 2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c001-0000-7000-8000-000000000003', 'Précarité', 'precarite', 3, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c001-0000-7000-8000-000000000004', 'Minima sociaux', 'minima sociaux', 4, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c001-0000-7000-8000-000000000005', 'Dématérialisation des démarches', 'dematerialisation des demarches', 5, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

-- A difficulty report: no identity of the person concerned, a short free text with a warning.
CREATE TABLE difficulty_report (
    id                      TEXT PRIMARY KEY NOT NULL,
    received_on             TEXT NOT NULL,
    source_body_id          TEXT REFERENCES body(id),
    source_organisation_id  TEXT REFERENCES organisation(id),
    right_concerned         TEXT CHECK (right_concerned IN ('rsa', 'aah', 'prime_activite', 'apl', 'css', 'retraite', 'autre')),
    follow_up               TEXT CHECK (follow_up IN ('alerte_individuelle', 'alerte_collective', 'faq', 'remontee_pio')),
    resolved                INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    summary                 TEXT CHECK (summary IS NULL OR length(summary) <= 500),
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    deleted_at              TEXT
) STRICT;
CREATE INDEX difficulty_report_received ON difficulty_report(received_on);

CREATE TABLE difficulty_report_category (
    report_id    TEXT NOT NULL REFERENCES difficulty_report(id),
    category_id  TEXT NOT NULL REFERENCES report_category(id),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (report_id, category_id)
) STRICT, WITHOUT ROWID;

-- A solicitation of an institution (CAF, CARSAT, CPAM…) about one or more reports.
CREATE TABLE solicitation (
    id              TEXT PRIMARY KEY NOT NULL,
    institution_id  TEXT NOT NULL REFERENCES organisation(id),
    sent_on         TEXT NOT NULL,
    subject         TEXT NOT NULL CHECK (length(trim(subject)) > 0),
    answered_on     TEXT,
    answer_summary  TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    CHECK (answered_on IS NULL OR answered_on >= sent_on)
) STRICT;
CREATE INDEX solicitation_institution ON solicitation(institution_id);

CREATE TABLE solicitation_report (
    solicitation_id  TEXT NOT NULL REFERENCES solicitation(id),
    report_id        TEXT NOT NULL REFERENCES difficulty_report(id),
    created_at       TEXT NOT NULL,
    PRIMARY KEY (solicitation_id, report_id)
) STRICT, WITHOUT ROWID;
