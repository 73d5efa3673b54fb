CREATE TYPE "public"."ledger_decision" AS ENUM('redact', 'keep_public', 'keep_private');--> statement-breakpoint
CREATE TABLE "allow_list" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"term" text NOT NULL,
	"key" text NOT NULL,
	"note" text,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"testimony_id" uuid NOT NULL,
	"entity_key" text NOT NULL,
	"label" text NOT NULL,
	"spellings" text[] NOT NULL,
	"keys" text[] NOT NULL,
	"mentions" jsonb NOT NULL,
	"mention_count" integer NOT NULL,
	"first_start" integer NOT NULL,
	"context" text NOT NULL,
	"decision" "ledger_decision",
	"category" "redaction_category",
	"reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"entity_group_id" uuid,
	"created_redaction_ids" uuid[] DEFAULT '{}' NOT NULL,
	"allow_list_id" uuid,
	"rev" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "allow_list" ADD CONSTRAINT "allow_list_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entities" ADD CONSTRAINT "ledger_entities_testimony_id_testimonies_id_fk" FOREIGN KEY ("testimony_id") REFERENCES "public"."testimonies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entities" ADD CONSTRAINT "ledger_entities_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entities" ADD CONSTRAINT "ledger_entities_entity_group_id_entity_groups_id_fk" FOREIGN KEY ("entity_group_id") REFERENCES "public"."entity_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "allow_list_key_uq" ON "allow_list" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entities_key_uq" ON "ledger_entities" USING btree ("testimony_id","entity_key");--> statement-breakpoint
CREATE INDEX "ledger_entities_testimony_idx" ON "ledger_entities" USING btree ("testimony_id","first_start");