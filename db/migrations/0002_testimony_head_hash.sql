ALTER TABLE "testimonies" ADD COLUMN "head_hash" text;--> statement-breakpoint
-- Existing testimonies learn their chain head now rather than on their next locked write.
UPDATE "testimonies" t SET "head_hash" = a."hash" FROM "audit_events" a WHERE a."stream" = 'testimony:' || t."id" AND a."seq" = t."seq";
