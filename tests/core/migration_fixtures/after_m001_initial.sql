-- The drafts database as release 0.1 (migration m001_initial) made it, with data.
-- Frozen: never regenerate it with newer code; a new migration adds its own fixture.
BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'zjtx','m001_initial','2026-12-06 11:44:58.550039+00:00');
CREATE TABLE "app_forms" (
   "app_id" TEXT REFERENCES "applications"("id"),
   "form_id" TEXT,
   "form_version" TEXT,
   "position" INTEGER,
   PRIMARY KEY ("app_id", "form_id")
) STRICT;
INSERT INTO "app_forms" VALUES('c2905447963f','mini','1',0);
INSERT INTO "app_forms" VALUES('920e82be334c','mini','1',0);
CREATE TABLE "applications" (
   "id" TEXT PRIMARY KEY,
   "name" TEXT,
   "programme" TEXT,
   "status" TEXT,
   "created" TEXT,
   "updated" TEXT
) STRICT;
INSERT INTO "applications" VALUES('c2905447963f','吉林省恒锐精密机床有限公司','','draft','2026-12-06T11:44:58.576+00:00','2026-12-06T11:44:58.608+00:00');
INSERT INTO "applications" VALUES('920e82be334c','第二家','','final','2026-12-06T11:44:58.628+00:00','2026-12-06T11:44:58.648+00:00');
CREATE TABLE "changes" (
   "id" INTEGER PRIMARY KEY,
   "app_id" TEXT NOT NULL,
   "scope" TEXT NOT NULL,
   "field" TEXT NOT NULL,
   "old" TEXT,
   "new" TEXT,
   "at" TEXT NOT NULL,
   "kind" TEXT NOT NULL,
   "undone" INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO "changes" VALUES(1,'c2905447963f','','enterprise_name',NULL,'"吉林省恒锐精密机床有限公司"','2026-12-06T11:44:58.586+00:00','edit',0);
INSERT INTO "changes" VALUES(2,'c2905447963f','mini','employees',NULL,'"320"','2026-12-06T11:44:58.592+00:00','edit',0);
INSERT INTO "changes" VALUES(3,'c2905447963f','mini','operating_revenue.y2',NULL,'"26800"','2026-12-06T11:44:58.596+00:00','edit',0);
INSERT INTO "changes" VALUES(4,'c2905447963f','mini','employees','"320"','"321"','2026-12-06T11:44:58.604+00:00','edit',1);
INSERT INTO "changes" VALUES(5,'c2905447963f','mini','employees','"321"','"320"','2026-12-06T11:44:58.608+00:00','undo',0);
INSERT INTO "changes" VALUES(6,'920e82be334c','mini','employees',NULL,'"12"','2026-12-06T11:44:58.640+00:00','import',0);
INSERT INTO "changes" VALUES(7,'920e82be334c','','enterprise_name',NULL,'"第二家"','2026-12-06T11:44:58.640+00:00','import',0);
CREATE TABLE "events" (
   "id" INTEGER PRIMARY KEY,
   "app_id" TEXT,
   "kind" TEXT,
   "at" TEXT,
   "detail" TEXT
) STRICT;
INSERT INTO "events" VALUES(1,'c2905447963f','created','2026-12-06T11:44:58.576+00:00','');
INSERT INTO "events" VALUES(2,'920e82be334c','created','2026-12-06T11:44:58.628+00:00','');
INSERT INTO "events" VALUES(3,'920e82be334c','finalised','2026-12-06T11:44:58.648+00:00','');
CREATE TABLE "explanations" (
   "app_id" TEXT,
   "form_id" TEXT,
   "field" TEXT,
   "code" TEXT,
   "rule" TEXT,
   "text" TEXT,
   "updated" TEXT,
   PRIMARY KEY ("app_id", "form_id", "field", "code", "rule")
) STRICT;
INSERT INTO "explanations" VALUES('c2905447963f','mini','employees','W','r1','属实','2026-12-06T11:44:58.614+00:00');
CREATE TABLE "field_values" (
   "app_id" TEXT REFERENCES "applications"("id"),
   "scope" TEXT,
   "field" TEXT,
   "value" TEXT,
   "updated" TEXT,
   PRIMARY KEY ("app_id", "scope", "field")
) STRICT;
INSERT INTO "field_values" VALUES('c2905447963f','','enterprise_name','"吉林省恒锐精密机床有限公司"','2026-12-06T11:44:58.586+00:00');
INSERT INTO "field_values" VALUES('c2905447963f','mini','employees','"320"','2026-12-06T11:44:58.608+00:00');
INSERT INTO "field_values" VALUES('c2905447963f','mini','operating_revenue.y2','"26800"','2026-12-06T11:44:58.596+00:00');
INSERT INTO "field_values" VALUES('920e82be334c','mini','employees','"12"','2026-12-06T11:44:58.640+00:00');
INSERT INTO "field_values" VALUES('920e82be334c','','enterprise_name','"第二家"','2026-12-06T11:44:58.640+00:00');
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE INDEX "idx_changes_app_id_scope_field"
    ON "changes" ("app_id", "scope", "field");
COMMIT;
