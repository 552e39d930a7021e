-- 0003: speed of the check-in at the door (see benches/checkin.rs for the figures).
-- The unique indexes of 0002 are partial, so a query by meeting alone could not use them.
CREATE INDEX invitation_meeting ON invitation(meeting_id);
CREATE INDEX attendance_meeting ON attendance(meeting_id);

-- Substring search over people's folded names, e-mails and phones ("hel" finds "Hélène"),
-- through a trigram full-text index kept in step with person.search_text by triggers.
CREATE VIRTUAL TABLE person_search USING fts5(search_text, content = 'person', content_rowid = 'rowid', tokenize = 'trigram');
INSERT INTO person_search (rowid, search_text) SELECT rowid, search_text FROM person;

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
