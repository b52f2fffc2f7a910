-- Items held behind WhatsApp's 24-hour window were PENDING with a marker in last_error, now HELD says it.
-- (A separate migration: a new enum value can be used only once the migration adding it committed.)
UPDATE "outbox_item" SET "state" = 'HELD'
WHERE "state" = 'PENDING' AND starts_with("last_error", 'whatsapp-window:');
