-- Schema 2 added recordings, transcripts with their segments and revisions, and index points.
INSERT INTO media (id, uuid, interview_id, position, tape_label, kind, storage, path, original_name, sha256, size_bytes, mime_type, duration_ms, created_at, updated_at) VALUES
    (1, '50000000-0000-4000-8000-000000000001', 1, 0, 'Tape 1', 'audio', 'referenced', 'tapes/serebryakova-1.wav', 'serebryakova-1.wav', 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778', 86400044, 'audio/wav', 5400000, '2024-03-02T09:10:00.000Z', '2024-03-02T09:10:00.000Z');
INSERT INTO transcripts (id, uuid, interview_id, language, label, source_format, source_name, created_at, updated_at) VALUES
    (1, '60000000-0000-4000-8000-000000000001', 1, 'ru', 'Original', 'vtt', 'serebryakova.ru.vtt', '2024-03-03T12:00:00.000Z', '2024-03-03T12:00:00.000Z'),
    (2, '60000000-0000-4000-8000-000000000002', 1, 'en', 'Translation', 'vtt', 'serebryakova.en.vtt', '2024-03-03T12:05:00.000Z', '2024-03-03T12:05:00.000Z');
INSERT INTO segments (id, uuid, transcript_id, position, start_ms, end_ms, speaker_id, speaker_label, text) VALUES
    (1, '61000000-0000-4000-8000-000000000001', 1, 0, 0, 6000, 1, 'Серебрякова', 'Меня зовут Зоря Леонидовна Серебрякова.'),
    (2, '61000000-0000-4000-8000-000000000002', 1, 1, 6000, 14000, 1, 'Серебрякова', 'Отца арестовали в 1936 году, маму тоже; Галину Серебрякову отправили в лагерь.'),
    (3, '61000000-0000-4000-8000-000000000003', 1, 2, 14000, 21000, 1, 'Серебрякова', 'Троцкого я видела один раз, на фотографии у Радека.'),
    (4, '61000000-0000-4000-8000-000000000004', 2, 0, 0, 6000, NULL, 'Serebriakova', 'My name is Zorya Leonidovna Serebriakova.'),
    (5, '61000000-0000-4000-8000-000000000005', 2, 1, 6000, 14000, NULL, 'Serebriakova', 'My father was arrested in 1936, my mother too; Galina Serebriakova was sent to a camp.'),
    (6, '61000000-0000-4000-8000-000000000006', 2, 2, 14000, 21000, NULL, 'Serebriakova', 'I saw Trotsky only once, in a photograph at Radek''s.');
INSERT INTO transcript_revisions (uuid, transcript_id, name, segments_json, created_at) VALUES
    ('62000000-0000-4000-8000-000000000001', 1, 'before import of a correction', '[{"start_ms":0,"end_ms":6000,"speaker_label":"Серебрякова","text":"Меня зовут Зоря Серебрякова."}]', '2024-03-03T12:10:00.000Z');
INSERT INTO index_points (uuid, interview_id, time_ms, title, partial_transcript, synopsis, keywords, subjects, gps_lat, gps_lon, hyperlinks, created_at, updated_at) VALUES
    ('63000000-0000-4000-8000-000000000001', 1, 6000, 'The arrest, 1936', 'Отца арестовали', 'Her father''s and mother''s arrests.', '["arrest","1936"]', '["Great Purge"]', 55.7447, 37.6141, '["https://en.wikipedia.org/wiki/Leonid_Serebryakov"]', '2024-03-03T12:20:00.000Z', '2024-03-03T12:20:00.000Z');
INSERT INTO events (uuid, at, event_type, record_kind, record_uuid, origin, agent, before_json, after_json, note) VALUES
    ('40000000-0000-4000-8000-000000000004', '2024-03-03T12:00:00.000Z', 'ingestion', 'transcript', '60000000-0000-4000-8000-000000000001', 'window', 'Anna Petrova', NULL, '{"segments":3}', 'serebryakova.ru.vtt');
