-- DropIndex
DROP INDEX "kpm_village_code_head_name_id_idx";

-- DropIndex
DROP INDEX "kpm_head_name_trgm_idx";

