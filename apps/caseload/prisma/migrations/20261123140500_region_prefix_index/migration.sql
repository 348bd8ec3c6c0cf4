-- Region-scoped lists filter with a prefix LIKE on village_code. Under a database collation
-- other than C a plain btree cannot serve a prefix LIKE, so the lists of coordinators and of
-- the Dinas scanned the whole table, while text_pattern_ops can. Not expressible in the Prisma
-- schema, so it lives only here (the schema-to-schema migration diffs leave it alone).
-- NB: no semicolons in comments: the migration runner splits the script on every semicolon.
CREATE INDEX "kpm_village_code_pattern_idx" ON "kpm" ("village_code" text_pattern_ops);
