-- 0001: the partner directory (annuaire).
-- Conventions for every table (see docs/storage.md):
--   id          TEXT UUID (v7) primary key, so copies on two machines can be merged later;
--   created_at / updated_at  RFC 3339 UTC timestamps set by the core;
--   deleted_at  tombstone: rows are never physically deleted, queries filter on it.
-- Dates without time are ISO 'YYYY-MM-DD' text. Enumerations are ASCII codes checked here;
-- their French labels live in the UI and export layers.

CREATE TABLE domain (
    id          TEXT PRIMARY KEY NOT NULL,
    label       TEXT NOT NULL CHECK (length(trim(label)) > 0),
    label_key   TEXT NOT NULL,            -- accent- and case-folded label, for uniqueness
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE UNIQUE INDEX domain_label_key ON domain(label_key) WHERE deleted_at IS NULL;

CREATE TABLE organisation (
    id                        TEXT PRIMARY KEY NOT NULL,
    name                      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    acronym                   TEXT,
    sector                    TEXT NOT NULL CHECK (sector IN ('public', 'parapublic', 'associatif', 'prive')),
    category                  TEXT NOT NULL CHECK (category IN ('ccas', 'caf', 'conseil_departemental',
                                  'securite_sociale', 'centre_social', 'association_entraide', 'bailleur',
                                  'sante', 'emploi', 'education', 'collectivite', 'autre')),
    parent_id                 TEXT REFERENCES organisation(id),
    address                   TEXT,
    postal_code               TEXT,
    commune                   TEXT,
    territory                 TEXT,
    phone                     TEXT,
    email                     TEXT,
    website                   TEXT,
    -- identity card (fiche d'identité)
    missions                  TEXT,
    public_served             TEXT,
    access_conditions         TEXT,
    partnership_expectations  TEXT,
    partnership_limits        TEXT,
    -- derived by the core on every write: folded name and commune for uniqueness, folded text for search
    name_key                  TEXT NOT NULL,
    commune_key               TEXT NOT NULL DEFAULT '',
    search_text               TEXT NOT NULL,
    archived_at               TEXT,
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL,
    deleted_at                TEXT,
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE UNIQUE INDEX organisation_name_commune ON organisation(name_key, commune_key) WHERE deleted_at IS NULL;
CREATE INDEX organisation_name ON organisation(name_key);
CREATE INDEX organisation_parent ON organisation(parent_id);

CREATE TABLE organisation_domain (
    organisation_id  TEXT NOT NULL REFERENCES organisation(id),
    domain_id        TEXT NOT NULL REFERENCES domain(id),
    created_at       TEXT NOT NULL,
    PRIMARY KEY (organisation_id, domain_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX organisation_domain_domain ON organisation_domain(domain_id);

CREATE TABLE person (
    id          TEXT PRIMARY KEY NOT NULL,
    civility    TEXT CHECK (civility IN ('madame', 'monsieur')),
    first_name  TEXT,
    last_name   TEXT,
    category    TEXT NOT NULL CHECK (category IN ('professionnel', 'benevole', 'elu', 'habitant',
                    'decideur', 'intervenant', 'autre')),
    email       TEXT,                     -- stored lower-case
    phone       TEXT,
    notes       TEXT CHECK (notes IS NULL OR length(notes) <= 500),
    sort_key    TEXT NOT NULL,            -- folded "last first", for accent-insensitive ordering
    search_text TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK (coalesce(trim(first_name), '') <> '' OR coalesce(trim(last_name), '') <> '')
) STRICT;
CREATE UNIQUE INDEX person_email ON person(email) WHERE email IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX person_sort ON person(sort_key);

-- A person's posts. Ended posts are kept: staff turnover is common and history matters.
CREATE TABLE affiliation (
    id               TEXT PRIMARY KEY NOT NULL,
    person_id        TEXT NOT NULL REFERENCES person(id),
    organisation_id  TEXT NOT NULL REFERENCES organisation(id),
    function         TEXT,
    start_date       TEXT,
    end_date         TEXT,
    is_main_contact  INTEGER NOT NULL DEFAULT 0 CHECK (is_main_contact IN (0, 1)),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT,
    CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX affiliation_person ON affiliation(person_id);
CREATE INDEX affiliation_organisation ON affiliation(organisation_id);

-- Dated history of an organisation's membership of the network; the current status is the latest.
CREATE TABLE membership_event (
    id               TEXT PRIMARY KEY NOT NULL,
    organisation_id  TEXT NOT NULL REFERENCES organisation(id),
    status           TEXT NOT NULL CHECK (status IN ('prospect', 'interesse', 'membre', 'retire')),
    effective_date   TEXT NOT NULL,
    note             TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
) STRICT;
CREATE INDEX membership_event_organisation ON membership_event(organisation_id, effective_date);

-- Charters, conventions and protocols, and who signed them when.
CREATE TABLE agreement (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('charte', 'convention', 'protocole')),
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    version     TEXT,
    dated       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE TABLE agreement_signatory (
    id               TEXT PRIMARY KEY NOT NULL,
    agreement_id     TEXT NOT NULL REFERENCES agreement(id),
    organisation_id  TEXT NOT NULL REFERENCES organisation(id),
    signed_on        TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
) STRICT;
CREATE UNIQUE INDEX agreement_signatory_unique ON agreement_signatory(agreement_id, organisation_id)
    WHERE deleted_at IS NULL;
CREATE INDEX agreement_signatory_organisation ON agreement_signatory(organisation_id);

-- The editable list of competence domains starts with the Caluire directory's tabs and the usual
-- fields of French social action. Fixed ids: every copy of the database starts with the same rows.
INSERT INTO domain (id, label, label_key, position, created_at, updated_at) VALUES
  ('0190c000-0000-7000-8000-000000000001', 'Accueil et suivi social', 'accueil et suivi social', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c000-0000-7000-8000-000000000002', 'Aide d''urgence', 'aide d''urgence', 2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c000-0000-7000-8000-000000000003', 'Aide matérielle', 'aide materielle', 3, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c000-0000-7000-8000-000000000004', 'Logement', 'logement', 4, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c000-0000-7000-8000-000000000005', 'Santé', 'sante', 5, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c000-0000-7000-8000-000000000006', 'Emploi et insertion', 'emploi et insertion', 6, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c000-0000-7000-8000-000000000007', 'Formation', 'formation', 7, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c000-0000-7000-8000-000000000008', 'Éducation', 'education', 8, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c000-0000-7000-8000-000000000009', 'Petite enfance', 'petite enfance', 9, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c000-0000-7000-8000-00000000000a', 'Personnes âgées', 'personnes agees', 10, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c000-0000-7000-8000-00000000000b', 'Handicap', 'handicap', 11, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c000-0000-7000-8000-00000000000c', 'Accès aux droits', 'acces aux droits', 12, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c000-0000-7000-8000-00000000000d', 'Numérique', 'numerique', 13, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c000-0000-7000-8000-00000000000e', 'Jeunesse', 'jeunesse', 14, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('0190c000-0000-7000-8000-00000000000f', 'Famille et parentalité', 'famille et parentalite', 15, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
