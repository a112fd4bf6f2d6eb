-- The drafts database as the release with migration m002_evidence made it, with data.
-- Frozen: never regenerate it with newer code; a new migration adds its own fixture.
BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'zjtx','m001_initial','2026-12-06 11:58:53.602664+00:00');
INSERT INTO "_sqlite_migrations" VALUES(2,'zjtx','m002_evidence','2026-12-06 11:58:53.617566+00:00');
CREATE TABLE "app_forms" (
   "app_id" TEXT REFERENCES "applications"("id"),
   "form_id" TEXT,
   "form_version" TEXT,
   "position" INTEGER,
   PRIMARY KEY ("app_id", "form_id")
) STRICT;
INSERT INTO "app_forms" VALUES('426b26ce562a','mini','1',0);
INSERT INTO "app_forms" VALUES('a4e226a3e4c9','mini','1',0);
CREATE TABLE "applications" (
   "id" TEXT PRIMARY KEY,
   "name" TEXT,
   "programme" TEXT,
   "status" TEXT,
   "created" TEXT,
   "updated" TEXT
) STRICT;
INSERT INTO "applications" VALUES('426b26ce562a','吉林省恒锐精密机床有限公司','','draft','2026-12-06T11:58:53.642+00:00','2026-12-06T11:58:53.664+00:00');
INSERT INTO "applications" VALUES('a4e226a3e4c9','第二家','','final','2026-12-06T11:58:53.688+00:00','2026-12-06T11:58:53.692+00:00');
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
INSERT INTO "changes" VALUES(1,'426b26ce562a','','enterprise_name',NULL,'"吉林省恒锐精密机床有限公司"','2026-12-06T11:58:53.645+00:00','edit',0);
INSERT INTO "changes" VALUES(2,'426b26ce562a','mini','employees',NULL,'"320"','2026-12-06T11:58:53.652+00:00','edit',0);
INSERT INTO "changes" VALUES(3,'426b26ce562a','mini','employees','"320"','"321"','2026-12-06T11:58:53.656+00:00','edit',1);
INSERT INTO "changes" VALUES(4,'426b26ce562a','mini','employees','"321"','"320"','2026-12-06T11:58:53.664+00:00','undo',0);
CREATE TABLE "events" (
   "id" INTEGER PRIMARY KEY,
   "app_id" TEXT,
   "kind" TEXT,
   "at" TEXT,
   "detail" TEXT
) STRICT;
INSERT INTO "events" VALUES(1,'426b26ce562a','created','2026-12-06T11:58:53.642+00:00','');
INSERT INTO "events" VALUES(2,'a4e226a3e4c9','created','2026-12-06T11:58:53.688+00:00','');
INSERT INTO "events" VALUES(3,'a4e226a3e4c9','finalised','2026-12-06T11:58:53.692+00:00','');
CREATE TABLE "evidence" (
   "app_id" TEXT REFERENCES "applications"("id"),
   "id" TEXT,
   "sha256" TEXT,
   "title" TEXT,
   "item" TEXT,
   "name" TEXT,
   "media_type" TEXT,
   "size" INTEGER,
   "pages" INTEGER,
   "added" TEXT,
   PRIMARY KEY ("app_id", "id")
) STRICT;
INSERT INTO "evidence" VALUES('426b26ce562a','E001','abababababababababababababababababababababababababababababababab','营业执照','1','license.pdf','application/pdf',12345,1,'2026-12-06T10:00:00.000+00:00');
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
INSERT INTO "explanations" VALUES('426b26ce562a','mini','employees','W','r1','属实','2026-12-06T11:58:53.668+00:00');
CREATE TABLE "field_values" (
   "app_id" TEXT REFERENCES "applications"("id"),
   "scope" TEXT,
   "field" TEXT,
   "value" TEXT,
   "updated" TEXT,
   PRIMARY KEY ("app_id", "scope", "field")
) STRICT;
INSERT INTO "field_values" VALUES('426b26ce562a','','enterprise_name','"吉林省恒锐精密机床有限公司"','2026-12-06T11:58:53.645+00:00');
INSERT INTO "field_values" VALUES('426b26ce562a','mini','employees','"320"','2026-12-06T11:58:53.664+00:00');
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE INDEX "idx_changes_app_id_scope_field"
    ON "changes" ("app_id", "scope", "field");
COMMIT;
