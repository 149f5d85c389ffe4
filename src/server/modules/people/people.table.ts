import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgUnits } from '../units/units.table.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** A line of the résumé (简历) on the registration form. */
export type ResumeLine = { from: string; to: string | null; text: string };
/** One year's annual assessment result (年度考核). */
export type AssessmentResult = { year: number; grade: string };

/** Employees, with the fields of the reserve-cadre registration form (后备干部简要情况登记表). */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeNo: text('employee_no').notNull(),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    ethnicity: text('ethnicity'),
    birthDate: date('birth_date', { mode: 'string' }),
    nativePlace: text('native_place'),
    politicalStatus: text('political_status'),
    partyJoinDate: date('party_join_date', { mode: 'string' }),
    workStartDate: date('work_start_date', { mode: 'string' }),
    fullTimeEducation: text('full_time_education'),
    fullTimeDegree: text('full_time_degree'),
    fullTimeSchool: text('full_time_school'),
    fullTimeMajor: text('full_time_major'),
    inServiceEducation: text('in_service_education'),
    inServiceDegree: text('in_service_degree'),
    inServiceSchool: text('in_service_school'),
    inServiceMajor: text('in_service_major'),
    professionalTitle: text('professional_title'),
    currentPost: text('current_post'),
    postSince: date('post_since', { mode: 'string' }),
    grade: text('grade'),
    /** Holds a middle-management post (现有中层): assigned online courses too (六(一)2). */
    isMiddleManager: boolean('is_middle_manager').notNull().default(false),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    phone: text('phone'),
    /** AES-256-GCM ciphertext of the ID number; never stored or logged in clear. */
    idNumberCipher: text('id_number_cipher'),
    /** Keyed hash of the ID number, for uniqueness without decrypting. */
    idNumberHash: text('id_number_hash'),
    /** The masked form shown in lists and exports (e.g. 3301**********123X). */
    idNumberMasked: text('id_number_masked'),
    resume: jsonb('resume').$type<ResumeLine[]>().notNull().default([]),
    rewardsPunishments: text('rewards_punishments'),
    assessments: jsonb('assessments').$type<AssessmentResult[]>().notNull().default([]),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_employee_no_uq').on(t.employeeNo),
    uniqueIndex('people_id_number_hash_uq').on(t.idNumberHash),
    index('people_unit_idx').on(t.unitId),
    index('people_name_idx').on(t.name.op('text_pattern_ops')),
  ],
);

/** The registration-form photo, kept apart so lists never load it. */
export const personPhotos = pgTable('person_photos', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id),
  mimeType: text('mime_type').notNull(),
  data: bytea('data').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
