-- 0011: the agency's postal address, the sender's block of letters printed for window envelopes
-- (#13). The settings' keys are checked: the table is rebuilt as in 0006 and 0007 (no links, no
-- triggers).
CREATE TABLE setting_0011 (
    key         TEXT PRIMARY KEY NOT NULL CHECK (key IN ('agency_name', 'secretariat_email', 'agency_town', 'agency_address',
                    'backup_keep_recent', 'backup_keep_months', 'copy_lock_minutes',
                    'retention_professionnel', 'retention_benevole', 'retention_elu', 'retention_habitant',
                    'retention_decideur', 'retention_intervenant', 'retention_autre',
                    'journal_keep_years', 'last_purge_on')),
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
INSERT INTO setting_0011 (key, value, updated_at) SELECT key, value, updated_at FROM setting;
DROP TABLE setting;
ALTER TABLE setting_0011 RENAME TO setting;
