CREATE TYPE "public"."risk_level" AS ENUM('low', 'medium', 'high');--> statement-breakpoint
ALTER TABLE "redactions" ADD COLUMN "generalisation" text;--> statement-breakpoint
ALTER TABLE "approvals" ADD COLUMN "risk_level" "risk_level";--> statement-breakpoint
ALTER TABLE "approvals" ADD COLUMN "risk_acknowledgement" text;