-- Revert app:appschema from pg: sqitch's revert/ undoes the deploy.

BEGIN;

DELETE FROM app.settings;
DROP SCHEMA app;

COMMIT;
