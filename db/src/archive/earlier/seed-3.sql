-- Schema 3 added photos with captions and regions, and the people authority.
INSERT INTO photos (id, uuid, sha256, path, original_name, mime_type, width, height, size_bytes, exif_date, exif_camera, date, place, creator, source, rights, note, created_at, updated_at) VALUES
    (1, '70000000-0000-4000-8000-000000000001', 'b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2', 'b1/b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2.jpg', 'group 1927.jpg', 'image/jpeg', 1200, 800, 245760, NULL, NULL, '1927', 'Moscow', 'Unknown', 'Family album', '', 'Scanned at the narrator''s flat', '2024-03-04T08:00:00.000Z', '2024-03-04T08:00:00.000Z');
INSERT INTO photo_captions (uuid, photo_id, kind, language, text, position, created_at, updated_at) VALUES
    ('71000000-0000-4000-8000-000000000001', 1, 'published', 'en', 'Sitting (left to right): Serebryakov, Radek, Trotsky', 0, '2024-03-04T08:01:00.000Z', '2024-03-04T08:01:00.000Z');
INSERT INTO photo_collections (photo_id, collection_id) VALUES (1, 1);
INSERT INTO photo_interviews (photo_id, interview_id) VALUES (1, 1);
INSERT INTO regions (uuid, photo_id, x, y, width, height, person_id, label, caption_id, caption_row, caption_position, created_at, updated_at) VALUES
    ('72000000-0000-4000-8000-000000000001', 1, 0.1, 0.2, 0.15, 0.3, 3, 'Serebryakov', NULL, NULL, NULL, '2024-03-04T08:02:00.000Z', '2024-03-04T08:02:00.000Z');
INSERT INTO person_name_variants (uuid, person_id, name, script, kind, system, source, position, created_at) VALUES
    ('73000000-0000-4000-8000-000000000001', 1, 'Зоря Серебрякова', 'cyrillic', 'original', NULL, '', 0, '2024-03-04T09:00:00.000Z'),
    ('73000000-0000-4000-8000-000000000002', 1, 'Zoria Serebriakova', 'latin', 'transliteration', 'ala_lc', '', 1, '2024-03-04T09:00:00.000Z'),
    ('73000000-0000-4000-8000-000000000003', 3, 'Леонид Серебряков', 'cyrillic', 'original', NULL, '', 0, '2024-03-04T09:01:00.000Z');
INSERT INTO person_roles (person_id, role, position) VALUES (3, 'Old Bolshevik', 0), (1, 'narrator', 0);
INSERT INTO person_identifiers (person_id, scheme, value, label) VALUES (3, 'wikidata', 'Q1971516', '');
INSERT INTO person_relationships (uuid, person_a, person_b, kind, note, created_at) VALUES
    ('74000000-0000-4000-8000-000000000001', 3, 1, 'parent_of', 'Her father', '2024-03-04T09:05:00.000Z');
