ALTER TABLE "campaigns" ADD COLUMN "markets" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "currency" text;--> statement-breakpoint
-- Existing campaigns run in their client's first primary market, as planning assumed before markets existed;
-- a first market that is not an ISO alpha-2 code (after USA→US, UK→GB) leaves [] ("the client's first market").
UPDATE "campaigns" AS c SET "markets" = ARRAY[m.code]
FROM (
  SELECT cl."id", CASE upper(btrim(cl."primary_markets"[1])) WHEN 'USA' THEN 'US' WHEN 'UK' THEN 'GB'
    ELSE upper(btrim(cl."primary_markets"[1])) END AS code
  FROM "clients" AS cl
) AS m
WHERE m."id" = c."client_id" AND m.code ~ '^[A-Z]{2}$';
