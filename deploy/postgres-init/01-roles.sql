-- Run once by the postgres image when its data directory is created (docker-compose.yml).
-- The image's POSTGRES_USER (gongwu) owns the schema and runs the migrations; the app logs in
-- as gongwu_runtime, a member of gongwu_app, which migration 0011 grants exactly what the app
-- needs: it owns nothing, cannot change the schema, and can only read and append to the audit log.
CREATE ROLE gongwu_app NOLOGIN;
CREATE ROLE gongwu_runtime LOGIN PASSWORD 'gongwu_runtime' IN ROLE gongwu_app;
