-- CreateTable
CREATE TABLE "assistant_region_load" (
    "assistant_id" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "families" INTEGER NOT NULL,

    CONSTRAINT "assistant_region_load_pkey" PRIMARY KEY ("assistant_id","region_code")
);

-- CreateTable
CREATE TABLE "region_caseload_assistants" (
    "region_code" TEXT NOT NULL,
    "assistants" INTEGER NOT NULL,

    CONSTRAINT "region_caseload_assistants_pkey" PRIMARY KEY ("region_code")
);


-- Backfill from the per-village caseloads kept so far (every level and the nation '')
INSERT INTO "assistant_region_load" ("assistant_id", "region_code", "families")
SELECT assistant_id, code, sum(families)::int
FROM "assistant_load",
  LATERAL unnest(ARRAY['', left(village_code, 2), left(village_code, 5), left(village_code, 8), village_code]) AS code
GROUP BY 1, 2;

INSERT INTO "region_caseload_assistants" ("region_code", "assistants")
SELECT region_code, count(*)::int FROM "assistant_region_load" WHERE families > 0 GROUP BY 1;
