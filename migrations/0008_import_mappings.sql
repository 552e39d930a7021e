-- 0008: the column mappings of imported spreadsheets, remembered per kind of list and per set of
-- headers, so that next year's file with the same headers is read the same way (docs/import.md).
-- A preference of this office's machine: not in archives or laptop copies.

CREATE TABLE import_mapping (
    kind       TEXT NOT NULL CHECK (kind IN ('organisations', 'people', 'members')),
    signature  TEXT NOT NULL,              -- the folded headers, joined by '|'
    fields     TEXT NOT NULL CHECK (json_valid(fields)),  -- the field code of each column, or null
    saved_at   TEXT NOT NULL,
    PRIMARY KEY (kind, signature)
) STRICT, WITHOUT ROWID;
