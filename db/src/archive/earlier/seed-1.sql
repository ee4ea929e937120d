-- What an archive of schema 1 held: a collection, people, interviews and their log.
INSERT INTO settings (key, value) VALUES ('curator_name', 'Anna Petrova');
INSERT INTO collections (id, uuid, title, description, created_at, updated_at) VALUES
    (1, '10000000-0000-4000-8000-000000000001', 'Moscow families, 1989–1994', 'Descendants of the Old Bolsheviks', '2024-03-01T10:00:00.000Z', '2024-03-01T10:00:00.000Z');
INSERT INTO people (id, uuid, display_name, sort_name, birth_date, death_date, note, created_at, updated_at) VALUES
    (1, '20000000-0000-4000-8000-000000000001', 'Zorya Serebryakova', 'Serebryakova, Zorya', '1923', '1999', 'Daughter of Leonid Serebryakov', '2024-03-01T10:01:00.000Z', '2024-03-01T10:01:00.000Z'),
    (2, '20000000-0000-4000-8000-000000000002', 'Tatiana Smilga', 'Smilga, Tatiana', '1919', NULL, '', '2024-03-01T10:02:00.000Z', '2024-03-01T10:02:00.000Z'),
    (3, '20000000-0000-4000-8000-000000000003', 'Leonid Serebryakov', 'Serebryakov, Leonid', '1888', '1937', '', '2024-03-01T10:03:00.000Z', '2024-03-01T10:03:00.000Z'),
    (4, '20000000-0000-4000-8000-000000000004', 'Anna Petrova', 'Petrova, Anna', NULL, NULL, 'Interviewer', '2024-03-01T10:04:00.000Z', '2024-03-01T10:04:00.000Z');
INSERT INTO interviews (id, uuid, collection_id, title, date, place, languages, summary, duration_ms, status, created_at, updated_at) VALUES
    (1, '30000000-0000-4000-8000-000000000001', 1, 'Interview with Zorya Serebryakova', '1991-05-14', 'Moscow', '["ru","en"]', 'Her father''s arrest in 1936 and the years after.', 5400000, 'curated', '2024-03-02T09:00:00.000Z', '2024-03-02T09:00:00.000Z'),
    (2, '30000000-0000-4000-8000-000000000002', 1, 'Interview with Tatiana Smilga', '1992-11~', 'Moscow', '["ru"]', 'Childhood in the House on the Embankment.', NULL, 'draft', '2024-03-02T09:30:00.000Z', '2024-03-02T09:30:00.000Z');
INSERT INTO interview_people (interview_id, person_id, role, position) VALUES
    (1, 1, 'narrator', 0), (1, 4, 'interviewer', 0), (2, 2, 'narrator', 0), (2, 4, 'interviewer', 0);
INSERT INTO events (uuid, at, event_type, record_kind, record_uuid, origin, agent, before_json, after_json, note) VALUES
    ('40000000-0000-4000-8000-000000000001', '2024-03-01T10:00:00.000Z', 'creation', 'collection', '10000000-0000-4000-8000-000000000001', 'window', 'Anna Petrova', NULL, '{"title":"Moscow families, 1989–1994"}', NULL),
    ('40000000-0000-4000-8000-000000000002', '2024-03-02T09:00:00.000Z', 'creation', 'interview', '30000000-0000-4000-8000-000000000001', 'window', 'Anna Petrova', NULL, '{"title":"Interview with Zorya Serebryakova"}', NULL),
    ('40000000-0000-4000-8000-000000000003', '2024-03-02T09:30:00.000Z', 'creation', 'interview', '30000000-0000-4000-8000-000000000002', 'cli', 'Anna Petrova', NULL, '{"title":"Interview with Tatiana Smilga"}', NULL);
