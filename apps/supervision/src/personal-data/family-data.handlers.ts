import { Module } from '@nestjs/common';
import { FamilyAnonymiser } from './anonymiser.js';
import { familyDataHandlers, type FamilyDataPlan } from '@jembatan/service-kit';

const PLAN: FamilyDataPlan = {
  scopeSql: `SELECT assistant_id AS "assistantId", village_code AS "villageCode" FROM family_state WHERE kpm_id = $1::uuid`,
  tables: {
    family_state: `SELECT * FROM family_state WHERE kpm_id = $1::uuid`,
    // Home visits to the family: where and when its assistant checked in.
    attendance_entry: `SELECT * FROM attendance_entry WHERE ref_id = $1 ORDER BY check_in_at`,
    activity_item: `SELECT * FROM activity_item WHERE ref_id = $1 ORDER BY at`,
  },
};

/** The family's right of access: its home visits and the activity that names it. */
export const FamilyDataHandlers = familyDataHandlers('supervision', PLAN);

@Module({ providers: [FamilyDataHandlers, FamilyAnonymiser] })
export class PersonalDataModule {}
