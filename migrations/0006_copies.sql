-- 0006: laptop copies and their merge (docs/sync.md).
-- Every database knows its identity: a copy carries the identity of the database it was made
-- from, and a copy made from another database is refused at merge time.
CREATE TABLE database_info (
    singleton    INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    database_id  TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;
INSERT INTO database_info (singleton, database_id, created_at)
VALUES (1,
        lower(substr(hex(randomblob(4)), 1, 8) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
              || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- Only in a laptop copy (empty in the office database): what the copy is, and its base — the image
-- of its rows when it was made, against which the merge finds what the laptop changed.
CREATE TABLE copy_info (
    singleton           INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    copy_id             TEXT NOT NULL,
    origin_database_id  TEXT NOT NULL,
    made_at             TEXT NOT NULL,
    meeting_ids         TEXT NOT NULL,            -- JSON array of the meetings it was made for
    base                BLOB NOT NULL
) STRICT;

-- In the office database: the changes of each copy already merged, in order. Merging the same
-- copy again starts from its base plus these, so only what changed since is applied. Purged with
-- the copies' retention (they hold what the laptop entered).
CREATE TABLE merged_copy (
    copy_id    TEXT NOT NULL,
    merged_at  TEXT NOT NULL,
    changeset  BLOB NOT NULL,
    digest     TEXT NOT NULL,
    PRIMARY KEY (copy_id, merged_at)
) STRICT;

-- The settings gain the machine's backup retention and the copy's idle lock. SQLite cannot
-- change a CHECK constraint in place: the table is rebuilt (it has no links nor triggers).
CREATE TABLE setting_0006 (
    key         TEXT PRIMARY KEY NOT NULL CHECK (key IN ('agency_name', 'secretariat_email', 'agency_town',
                    'backup_keep_recent', 'backup_keep_months', 'copy_lock_minutes')),
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
INSERT INTO setting_0006 (key, value, updated_at) SELECT key, value, updated_at FROM setting;
DROP TABLE setting;
ALTER TABLE setting_0006 RENAME TO setting;
