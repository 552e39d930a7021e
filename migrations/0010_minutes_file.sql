-- 0010: the minutes file kept inside the database (#13). Until now a meeting referenced its minutes
-- by an absolute path (meeting.minutes_path), which breaks on another machine, in a laptop copy and
-- in an archive, and the minutes e-mail could not carry the file. The file's bytes now live here:
-- they travel with the database file, its backups, laptop copies and archives.
--
-- One file per meeting: the row's id IS the meeting's id, so that the office and a laptop copy
-- attaching minutes to the same meeting meet as one row (a field-by-field conflict the user
-- settles), never as two rows. Replacing the file updates the row; removing it leaves a tombstone
-- without the bytes (content emptied; secure_delete is on, the freed pages are zeroed).
-- size, sha256 and media_type are derived from content and file_name, recomputed by the core after
-- an archive import or a merge. meeting.minutes_path and minutes_sha256 stay for the references
-- made before: the meeting page asks to attach such a file again.
CREATE TABLE minutes_file (
    id          TEXT PRIMARY KEY NOT NULL REFERENCES meeting(id),
    file_name   TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL CHECK (size >= 0),
    sha256      TEXT NOT NULL,
    content     BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
