-- 0012: the secretariat's own words in the activity report (#22): for a period (a year, or any
-- range the bilan takes), three texts — an introduction, the highlights (« Faits marquants »), the
-- outlook (« Perspectives ») — typed in the app and printed by the report.
--
-- One row per (period, section). Its id is derived from the period and the section
-- (`maillage_model::report_text_id`, a UUID v8), not drawn at random: the office and a laptop copy
-- writing the same section of the same period meet as one row in the merge (a field-by-field
-- conflict the user settles), never as two rows clashing on the unique key below. Erasing a text
-- leaves a tombstone without its words (text emptied), so the erasure travels too; saving again
-- brings the row back.
--
-- No person data: these texts are about the network's year; they are not searched, and the RGPD
-- erasure leaves them alone (docs/privacy.md). The length follows the archive's rule for free text.
CREATE TABLE report_text (
    id            TEXT PRIMARY KEY NOT NULL,
    period_start  TEXT NOT NULL CHECK (period_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    period_end    TEXT NOT NULL CHECK (period_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND period_end >= period_start),
    section       TEXT NOT NULL CHECK (section IN ('introduction', 'faits_marquants', 'perspectives')),
    text          TEXT NOT NULL CHECK (length(text) <= 20000),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    -- A text in use has words; only a tombstone is empty.
    CHECK (deleted_at IS NOT NULL OR length(trim(text)) >= 1)
) STRICT;
CREATE UNIQUE INDEX report_text_once ON report_text(period_start, period_end, section) WHERE deleted_at IS NULL;
