-- People's relationships had two homes: the people authority's own table and typed links
-- between people. They now live only as links; the authority reads and writes those. Each
-- relationship keeps its id, and one already recorded both ways is kept once. The authority's
-- "associate of" is the links' "colleague of".
INSERT INTO links (uuid, link_type, from_kind, from_uuid, to_kind, to_uuid, note, created_at, updated_at)
SELECT r.uuid,
       CASE r.kind WHEN 'associate_of' THEN 'colleague_of' ELSE r.kind END,
       'person', pa.uuid, 'person', pb.uuid, r.note, r.created_at, r.created_at
FROM person_relationships r
JOIN people pa ON pa.id = r.person_a
JOIN people pb ON pb.id = r.person_b
WHERE NOT EXISTS (
    SELECT 1 FROM links l
    WHERE l.link_type = CASE r.kind WHEN 'associate_of' THEN 'colleague_of' ELSE r.kind END
      AND ((l.from_uuid = pa.uuid AND l.to_uuid = pb.uuid)
        OR (r.kind NOT IN ('parent_of', 'grandparent_of') AND l.from_uuid = pb.uuid AND l.to_uuid = pa.uuid))
);

DROP VIEW person_relations;
DROP TABLE person_relationships;
