-- Photos and regions can be tagged, linked, cited, restricted and listed like other records
-- (0004 names them by UUID, without foreign keys); removing one removes what pointed at it, as
-- 0004 does for the other kinds.
CREATE TRIGGER photos_refs_delete AFTER DELETE ON photos BEGIN
    DELETE FROM taggings WHERE target_uuid = old.uuid;
    DELETE FROM links WHERE from_uuid = old.uuid OR to_uuid = old.uuid;
    DELETE FROM citations WHERE target_uuid = old.uuid;
    DELETE FROM restrictions WHERE target_uuid = old.uuid;
    DELETE FROM list_items WHERE record_uuid = old.uuid;
    DELETE FROM accession_records WHERE record_uuid = old.uuid;
END;
CREATE TRIGGER regions_refs_delete AFTER DELETE ON regions BEGIN
    DELETE FROM taggings WHERE target_uuid = old.uuid;
    DELETE FROM links WHERE from_uuid = old.uuid OR to_uuid = old.uuid;
    DELETE FROM citations WHERE target_uuid = old.uuid;
    DELETE FROM restrictions WHERE target_uuid = old.uuid;
    DELETE FROM list_items WHERE record_uuid = old.uuid;
END;
