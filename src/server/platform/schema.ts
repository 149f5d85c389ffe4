/** Every table, for Drizzle's typed queries and for backup/restore (in foreign-key order). */
export { sessions } from '../modules/auth/auth.table.js';
export {
  courseAssignments,
  courseChoices,
  courseCompletions,
  courseCredits,
  courses,
} from '../modules/courses/courses.table.js';
export { leaderCharges } from '../modules/leadership/leadership.table.js';
export {
  directionUnits,
  mentorAssessments,
  mentorAssignments,
  mentorEndorsements,
  mentorRewards,
  mentorSettings,
} from '../modules/mentors/mentors.table.js';
export {
  calendarFeeds,
  evidence,
  evidenceFiles,
  obligations,
} from '../modules/obligations/obligations.table.js';
export { obligationTallies } from '../modules/obligations/tallies.table.js';
export { people, personPhotos } from '../modules/people/people.table.js';
export { peopleCounts } from '../modules/people/people-counts.table.js';
export { programmes, programmeVersions } from '../modules/programmes/programmes.table.js';
export {
  reflectionFiles,
  reflectionFingerprints,
  reflectionHashCounts,
  reflectionSettings,
  reflections,
  reflectionVersions,
} from '../modules/reflections/reflections.table.js';
export { reserveEvents, reserves } from '../modules/reserves/reserves.table.js';
export { talkRecords, talkTalkers } from '../modules/talks/talks.table.js';
export { readingPlans, trainingEvents, trainingParticipants } from '../modules/training/training.table.js';
export { orgUnitDeputies, orgUnits } from '../modules/units/units.table.js';
export { roleGrants, users } from '../modules/users/users.table.js';
export { auditLog } from './audit.table.js';

/** Table names in an order where every row's references come before it (for restore). */
export const TABLES_IN_DEPENDENCY_ORDER = [
  'org_units',
  'people',
  'person_photos',
  'org_unit_deputies',
  'users',
  'role_grants',
  'sessions',
  'programmes',
  'programme_versions',
  'reserves',
  'reserve_events',
  'obligations',
  'evidence',
  'evidence_files',
  'calendar_feeds',
  'reflections',
  'reflection_files',
  'reflection_versions',
  'reflection_fingerprints',
  'reflection_hash_counts',
  'reflection_settings',
  'leader_charges',
  'talk_records',
  'talk_talkers',
  'mentor_assignments',
  'direction_units',
  'mentor_settings',
  'mentor_assessments',
  'mentor_endorsements',
  'mentor_rewards',
  'courses',
  'course_assignments',
  'course_choices',
  'course_completions',
  'course_credits',
  'training_events',
  'training_participants',
  'reading_plans',
  'audit_log',
] as const;
