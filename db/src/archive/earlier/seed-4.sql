-- Schema 4 added tags, links, sources and citations, accessions, release forms, restrictions,
-- saved searches and lists.
INSERT INTO tags (id, uuid, label, fold, language, scope_note, broader_id, created_at, updated_at) VALUES
    (1, '80000000-0000-4000-8000-000000000001', 'Arrests', 'arrests', 'en', 'Arrests of family members', NULL, '2024-03-05T10:00:00.000Z', '2024-03-05T10:00:00.000Z');
INSERT INTO tag_labels (tag_id, position, label, fold, language) VALUES (1, 0, 'Аресты', 'аресты', 'ru');
INSERT INTO taggings (uuid, tag_id, target_kind, target_uuid, first_segment_uuid, last_segment_uuid, created_at) VALUES
    ('81000000-0000-4000-8000-000000000001', 1, 'span', '60000000-0000-4000-8000-000000000001', '61000000-0000-4000-8000-000000000002', '61000000-0000-4000-8000-000000000002', '2024-03-05T10:01:00.000Z');
INSERT INTO sources (id, uuid, source_type, title, authors, container_title, volume, issue, pages, edition, publisher, place, date, date_text, description, repository, archive_location, url, accessed, language, note, created_at, updated_at) VALUES
    (1, '82000000-0000-4000-8000-000000000001', 'book', 'Smerch', '["Galina Serebryakova"]', '', '', '', '', '', 'Sovetskii pisatel', 'Moscow', '1967', '', '', '', '', '', '', 'ru', '', '2024-03-05T11:00:00.000Z', '2024-03-05T11:00:00.000Z');
INSERT INTO citations (uuid, source_id, target_kind, target_uuid, first_segment_uuid, last_segment_uuid, locator, quoted_in_id, quoted_in_locator, note, created_at, updated_at) VALUES
    ('83000000-0000-4000-8000-000000000001', 1, 'span', '60000000-0000-4000-8000-000000000001', '61000000-0000-4000-8000-000000000002', '61000000-0000-4000-8000-000000000002', 'p. 112', NULL, '', '', '2024-03-05T11:01:00.000Z', '2024-03-05T11:01:00.000Z');
INSERT INTO links (uuid, link_type, from_kind, from_uuid, from_first_segment_uuid, from_last_segment_uuid, to_kind, to_uuid, to_first_segment_uuid, to_last_segment_uuid, note, created_at, updated_at) VALUES
    ('84000000-0000-4000-8000-000000000001', 'mentions', 'span', '60000000-0000-4000-8000-000000000001', '61000000-0000-4000-8000-000000000002', '61000000-0000-4000-8000-000000000002', 'person', '20000000-0000-4000-8000-000000000003', NULL, NULL, '', '2024-03-05T11:30:00.000Z', '2024-03-05T11:30:00.000Z');
INSERT INTO accessions (uuid, identifier, donor, donor_person_id, received, method, deed_id, note, created_at, updated_at) VALUES
    ('85000000-0000-4000-8000-000000000001', 'ACC-1991-01', 'Zorya Serebryakova', 1, '1991-06', 'gift', NULL, '', '2024-03-05T12:00:00.000Z', '2024-03-05T12:00:00.000Z');
INSERT INTO accession_records (accession_id, position, record_kind, record_uuid) VALUES
    ((SELECT id FROM accessions), 0, 'interview', '30000000-0000-4000-8000-000000000001');
INSERT INTO release_forms (uuid, subject_kind, subject_uuid, status, signed_on, terms, until, narrator_uuid, document_id, note, created_at, updated_at) VALUES
    ('86000000-0000-4000-8000-000000000001', 'interview', '30000000-0000-4000-8000-000000000001', 'signed', '1991-05-14', 'open', NULL, '20000000-0000-4000-8000-000000000001', NULL, '', '2024-03-05T12:10:00.000Z', '2024-03-05T12:10:00.000Z');
INSERT INTO restrictions (uuid, target_kind, target_uuid, first_segment_uuid, last_segment_uuid, action, level, layer, until, reason, replacement, created_at, updated_at) VALUES
    ('87000000-0000-4000-8000-000000000001', 'span', '60000000-0000-4000-8000-000000000001', '61000000-0000-4000-8000-000000000003', '61000000-0000-4000-8000-000000000003', 'seal', 'closed', 'all', '2040-01-01', 'At the narrator''s request', NULL, '2024-03-05T12:20:00.000Z', '2024-03-05T12:20:00.000Z'),
    ('87000000-0000-4000-8000-000000000002', 'interview', '30000000-0000-4000-8000-000000000002', NULL, NULL, 'restrict', 'closed', 'all', NULL, 'No release form', NULL, '2024-03-05T12:21:00.000Z', '2024-03-05T12:21:00.000Z');
INSERT INTO saved_searches (uuid, name, query_json, created_at, updated_at) VALUES
    ('88000000-0000-4000-8000-000000000001', 'Arrests', '{"text":"arrest"}', '2024-03-05T13:00:00.000Z', '2024-03-05T13:00:00.000Z');
INSERT INTO lists (id, uuid, name, description, created_at, updated_at) VALUES
    (1, '89000000-0000-4000-8000-000000000001', 'For the exhibition', '', '2024-03-05T13:10:00.000Z', '2024-03-05T13:10:00.000Z');
INSERT INTO list_items (list_id, position, record_kind, record_uuid) VALUES (1, 0, 'interview', '30000000-0000-4000-8000-000000000001');
