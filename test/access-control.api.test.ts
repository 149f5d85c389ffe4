import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/core/access/roles.js';
import { DEFAULT_RULES } from '../src/core/programme/default-programme.js';
import { DEFAULT_ELIGIBILITY } from '../src/core/programme/eligibility.js';
import type { RouteEntry } from '../src/server/app.js';
import { courseCompletions, courses } from '../src/server/modules/courses/courses.table.js';
import { leaderCharges } from '../src/server/modules/leadership/leadership.table.js';
import {
  mentorAssessments,
  mentorAssignments,
  mentorRewards,
} from '../src/server/modules/mentors/mentors.table.js';
import { generateObligations } from '../src/server/modules/obligations/obligations.service.js';
import { evidence, evidenceFiles, obligations } from '../src/server/modules/obligations/obligations.table.js';
import { programmes, programmeVersions } from '../src/server/modules/programmes/programmes.table.js';
import {
  reflectionFiles,
  reflections,
  reflectionVersions,
} from '../src/server/modules/reflections/reflections.table.js';
import { reserves } from '../src/server/modules/reserves/reserves.table.js';
import { talkRecords, talkTalkers } from '../src/server/modules/talks/talks.table.js';
import {
  readingPlans,
  trainingEvents,
  trainingParticipants,
} from '../src/server/modules/training/training.table.js';
import { roleGrants } from '../src/server/modules/users/users.table.js';
import { routeAdmits } from '../src/server/platform/request-context.js';
import { createPerson, createUnit, createUser } from './factories.js';
import { buildTestApp, type TestApp, type TestClient } from './test-app.js';
import { dbKinds } from './test-db.js';

/**
 * Every registered API route, called as every role, inside and outside the role's scope. A role
 * without the route's permission must get 404; a record outside the scope must answer 404 and
 * change nothing; no answer may carry data of the other county. New routes are picked up
 * automatically; a new route with a body must add a sample below, or this test fails.
 */

type Ids = {
  unit: string;
  person: string;
  user: string;
  grant: string;
  programme: string;
  reserve: string;
  obligation: string;
  evidence: string;
  reflection: string;
  readingObligation: string;
  charge: string;
  talk: string;
  mentorAssignment: string;
  assessment: string;
  reward: string;
  course: string;
  completion: string;
  trainingEvent: string;
  readingPlan: string;
};
type World = { a: Ids; b: Ids; root: string; secret: string[] };

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

// A body that passes validation, so the handler (and its scope check) really runs.
const SAMPLE_BODIES: Record<string, (ids: Ids) => unknown> = {
  'POST /api/auth/login': () => ({ username: 'nobody', password: 'nothing-here' }),
  'POST /api/auth/password': () => ({ currentPassword: 'wrong-password', newPassword: 'Another-Pass-91' }),
  'POST /api/auth/language': () => ({ lang: 'zh' }),
  'POST /api/units': (ids) => ({
    parentId: ids.unit,
    code: `N${unique()}`,
    name: '新机构',
    type: 'department',
  }),
  'PATCH /api/units/:id': () => ({ version: 1, name: '改名' }),
  'POST /api/units/:id/move': (ids) => ({ version: 1, parentId: ids.unit }),
  'POST /api/units/:id/deactivate': () => ({ version: 1 }),
  'POST /api/units/:id/activate': () => ({ version: 1 }),
  'PUT /api/units/:id/leaders': () => ({ version: 1, headPersonId: null, deputyPersonIds: [] }),
  'POST /api/people': (ids) => ({
    employeeNo: `N${unique()}`,
    name: '新人员',
    gender: '女',
    unitId: ids.unit,
  }),
  'PATCH /api/people/:id': () => ({ version: 1, name: '改名' }),
  'POST /api/users': (ids) => ({ personId: ids.person, username: `n${unique()}`, grants: [] }),
  'POST /api/users/:id/active': () => ({ version: 1, active: false }),
  'POST /api/users/:id/grants': (ids) => ({ role: 'reserve', unitId: ids.unit }),
  'POST /api/programmes': (ids) => ({
    name: '班组长后备培养方案',
    tier: '班组长后备',
    unitId: ids.unit,
    cycleYears: 1,
  }),
  'PATCH /api/programmes/:id': () => ({ version: 1, name: '改名' }),
  'PUT /api/programmes/:id/draft': () => ({ rules: DEFAULT_RULES }),
  'POST /api/pool/eligibility': (ids) => ({ programmeId: ids.programme, personIds: [ids.person] }),
  'POST /api/pool/nominations': (ids) => ({
    programmeId: ids.programme,
    nominations: [{ personId: ids.person, overrideReason: '测试' }],
  }),
  'POST /api/pool/decisions': (ids) => ({
    reserveIds: [ids.reserve],
    decision: 'reject',
    meetingName: '党委会',
    meetingDate: '2026-01-05',
  }),
  'POST /api/pool/:id/transition': () => ({
    version: 1,
    to: 'withdrawn',
    effectiveOn: '2026-06-01',
    reason: '测试',
  }),
  'POST /api/pool/roll-over': (ids) => ({ programmeId: ids.programme, year: 2026 }),
  'POST /api/obligations/:id/evidence': () => ({ occurredOn: '2026-01-31', note: '线下登记' }),
  'POST /api/obligations/:id/review': () => ({ decision: 'accept' }),
  'POST /api/obligations/:id/waive': () => ({ reason: '测试' }),
  'POST /api/my/reflections': (ids) => ({ obligationId: ids.readingObligation }),
  'PUT /api/reflections/:id/draft': () => ({ text: '测试草稿', version: 1 }),
  'POST /api/reflections/:id/submit': () => ({ text: '测试提交', version: 1 }),
  'POST /api/reflections/:id/accept': () => ({ version: 1 }),
  'POST /api/reflections/:id/return': () => ({ version: 1, comment: '测试' }),
  'PUT /api/programmes/:id/reflection-settings': () => ({
    thresholdPercent: 40,
    flagOwnReuse: true,
    version: 0,
  }),
  'POST /api/leadership/charges': (ids) => ({
    leaderPersonId: ids.person,
    unitIds: [ids.unit],
    startOn: '2026-01-01',
  }),
  'POST /api/leadership/charges/:id/end': () => ({ endOn: '2026-02-01' }),
  'POST /api/talks': (ids) => ({
    reserveId: ids.reserve,
    kind: 'ad_hoc',
    heldOn: '2026-01-20',
    place: '会议室',
    talkers: [{ personId: ids.person, role: 'other' }],
    state: 'draft',
  }),
  'PATCH /api/talks/:id': (ids) => ({
    version: 1,
    kind: 'ad_hoc',
    heldOn: '2026-01-20',
    place: '会议室',
    talkers: [{ personId: ids.person, role: 'other' }],
    state: 'draft',
  }),
  'POST /api/talks/:id/confirm': () => ({ comment: '同意' }),
  'PATCH /api/pool/:id': () => ({ version: 1, direction: '市场营销' }),
  'POST /api/mentors/reserves/:id/check': (ids) => ({ slot: 'unit_head', mentorPersonId: ids.person }),
  'PUT /api/mentors/reserves/:id/assignments': (ids) => ({
    slot: 'unit_head',
    mentorPersonId: ids.person,
    startOn: '2026-01-06',
    exceptionReason: '测试',
  }),
  'POST /api/mentors/assignments/:id/end': () => ({ endOn: '2026-02-01', reason: '测试' }),
  'PUT /api/mentors/directions': (ids) => ({ direction: '测试方向', unitIds: [ids.unit] }),
  'PUT /api/mentors/settings': (ids) => ({
    programmeId: ids.programme,
    gradeScale: ['优秀', '称职'],
    ratingScale: ['好', '差'],
    rewardYuan: '1000',
    version: 0,
  }),
  'POST /api/my/endorsements': (ids) => ({
    reserveId: ids.reserve,
    mentorPersonId: ids.person,
    endorsed: true,
  }),
  'POST /api/assessments': (ids) => ({
    reserveId: ids.reserve,
    year: 2026,
    assessedOn: '2026-02-01',
    submit: false,
  }),
  'PATCH /api/assessments/:id': () => ({ assessedOn: '2026-02-01', submit: false, version: 1 }),
  'POST /api/assessments/:id/file': () => ({}),
  'POST /api/assessments/:id/return': () => ({ comment: '退回' }),
  'POST /api/rewards/approvals': (ids) => ({
    pairs: [{ reserveId: ids.reserve, mentorPersonId: ids.person }],
  }),
  'POST /api/rewards/:id/revoke': () => ({ version: 1, reason: '测试' }),
  'POST /api/rewards/paid': (ids) => ({ rewardIds: [ids.reward], paidOn: '2026-02-01' }),
  'POST /api/courses': (ids) => ({
    unitId: ids.unit,
    code: `C${unique()}`,
    title: '测试课程',
    category: '领导力',
    hours: '1',
  }),
  'PATCH /api/courses/:id': () => ({ version: 1, title: '改名' }),
  'PUT /api/course-assignments': (ids) => ({ unitId: ids.unit, periodKey: '2026-Q1', courseIds: [] }),
  'PUT /api/my/courses/choices': () => ({ periodKey: '2026-Q1', courseIds: [] }),
  'POST /api/course-completions': (ids) => ({
    personId: ids.person,
    courseId: ids.course,
    completedOn: '2026-01-31',
  }),
  'POST /api/training/events': (ids) => ({ unitId: ids.unit, title: '新培训', startOn: '2026-05-20' }),
  'PATCH /api/training/events/:id': () => ({ title: '改名', startOn: '2026-05-20', version: 1 }),
  'POST /api/training/events/:id/participants': (ids) => ({ reserveIds: [ids.reserve] }),
  'POST /api/training/events/:id/participants/remove': (ids) => ({ reserveIds: [ids.reserve] }),
  'PUT /api/training/events/:id/attendance': (ids) => ({
    items: [{ reserveId: ids.reserve, attendance: 'absent', note: '' }],
  }),
  'POST /api/reading-plans': (ids) => ({
    unitId: ids.unit,
    year: 2027,
    studyStart: '2027-07-01',
    studyEnd: '2027-09-30',
    mode: 'self',
    materials: [{ kind: 'book', title: '《新书》' }],
  }),
  'PATCH /api/reading-plans/:id': () => ({
    studyStart: '2026-07-01',
    studyEnd: '2026-09-30',
    mode: 'group',
    materials: [{ kind: 'book', title: '《改》' }],
    version: 1,
  }),
  'POST /api/reading-plans/:id/publish': () => ({ version: 1 }),
  'POST /api/reading-plans/:id/unpublish': () => ({ version: 1 }),
};
const UPLOAD_ROUTES = new Set([
  'PUT /api/people/:id/photo',
  'POST /api/people/import/preview',
  'POST /api/people/import/commit',
  'POST /api/units/import/preview',
  'POST /api/units/import/commit',
  'POST /api/obligations/:id/evidence/upload',
  'POST /api/reflections/:id/upload',
  'POST /api/courses/import/preview',
  'POST /api/courses/import/commit',
  'POST /api/course-completions/import/columns',
  'POST /api/course-completions/import/preview',
  'POST /api/course-completions/import/commit',
]);
const NO_BODY_WRITES = new Set([
  'POST /api/auth/logout',
  'POST /api/users/:id/reset-password',
  'DELETE /api/users/:id/grants/:grantId',
  'DELETE /api/programmes/:id/draft',
  'POST /api/my/calendar-feed',
  'DELETE /api/my/calendar-feed',
  'POST /api/programmes/:id/draft/publish',
  'POST /api/reflections/:id/recheck',
  'DELETE /api/talks/:id',
  'DELETE /api/assessments/:id',
  'DELETE /api/course-completions/:id',
  'DELETE /api/training/events/:id',
  'DELETE /api/reading-plans/:id',
]);

function urlFor(route: RouteEntry, ids: Ids): string {
  const byResource: Record<string, string> = {
    unit: ids.unit,
    person: ids.person,
    user: ids.user,
    grant: ids.user,
    programme: ids.programme,
    reserve: ids.reserve,
    obligation: ids.obligation,
    reflection: ids.reflection,
    charge: ids.charge,
    talk: ids.talk,
    mentorAssignment: ids.mentorAssignment,
    assessment: ids.assessment,
    reward: ids.reward,
    course: ids.course,
    completion: ids.completion,
    trainingEvent: ids.trainingEvent,
    readingPlan: ids.readingPlan,
  };
  return route.url
    .replace(':id', route.resource ? byResource[route.resource] : ids.unit)
    .replace(':grantId', ids.grant)
    .replace(':evidenceId', ids.evidence)
    .replace(':number', '1');
}

// A query string that passes validation, for GET routes with required parameters.
const SAMPLE_QUERIES: Record<string, (ids: Ids) => string> = {
  'GET /api/compliance/matrix': (ids) => `?programmeId=${ids.programme}`,
  'GET /api/compliance/matrix/export': (ids) => `?programmeId=${ids.programme}`,
  'GET /api/compliance/obligations': (ids) => `?programmeId=${ids.programme}`,
  'GET /api/compliance/obligations/export': (ids) => `?programmeId=${ids.programme}`,
  'GET /api/talks/previous': (ids) => `?reserveId=${ids.reserve}`,
  'GET /api/mentors/settings': (ids) => `?programmeId=${ids.programme}`,
  'GET /api/assessments/scales': (ids) => `?reserveId=${ids.reserve}`,
  'GET /api/course-assignments': () => '?periodKey=2026-Q1',
  'GET /api/course-assignments/coverage': (ids) => `?unitId=${ids.unit}&periodKey=2026-Q1`,
  'GET /api/course-quarter': () => '?periodKey=2026-Q1',
  'GET /api/course-quarter/export': () => '?periodKey=2026-Q1',
};

async function call(client: TestClient, route: RouteEntry, ids: Ids) {
  const key = `${route.method} ${route.url}`;
  const url = urlFor(route, ids) + (SAMPLE_QUERIES[key]?.(ids) ?? '');
  const body = SAMPLE_BODIES[key]?.(ids);
  const res = UPLOAD_ROUTES.has(key)
    ? await client.upload(url, Buffer.from('not a real file'), 'x.xlsx', route.method as 'POST' | 'PUT')
    : await client.request(route.method, url, body as Record<string, unknown> | undefined);
  // No input, whoever sends it, may produce a server error.
  expect(res.statusCode, `${key} answered ${res.statusCode}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  return res;
}

/** Text of a response, including the cells of an xlsx download. */
async function textOf(res: {
  headers: Record<string, unknown>;
  rawPayload: Buffer;
  body: string;
}): Promise<string> {
  if (String(res.headers['content-type']).includes('spreadsheetml')) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))),
    );
    return cells.join('\n');
  }
  return res.body;
}

async function fingerprint(t: TestApp): Promise<string> {
  const rows = await t.database.query<{ f: string }>(
    `SELECT (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM org_units) || '|' ||
            (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM people) || '|' ||
            (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM users) || '|' ||
            (SELECT count(*) FROM role_grants) || '|' || (SELECT count(*) FROM org_unit_deputies) || '|' ||
            (SELECT count(*) FROM person_photos) || '|' ||
            (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM programmes) || '|' || (SELECT count(*) FROM programme_versions) || '|' ||
            (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM reserves) || '|' || (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM obligations) || '|' ||
            (SELECT count(*) FROM evidence) || '|' || (SELECT count(*) FROM calendar_feeds) || '|' ||
            (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM reflections) || '|' ||
            (SELECT count(*) FROM reflection_versions) || '|' || (SELECT count(*) FROM reflection_settings) || '|' ||
            (SELECT count(*) || ':' || count(end_on) FROM leader_charges) || '|' ||
            (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM talk_records) || '|' ||
            (SELECT count(*) || ':' || count(end_on) FROM mentor_assignments) || '|' ||
            (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM mentor_assessments) || '|' ||
            (SELECT count(*) FROM direction_units) || '|' || (SELECT count(*) FROM mentor_settings) || '|' ||
            (SELECT count(*) FROM mentor_endorsements) || '|' ||
            (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM mentor_rewards) || '|' ||
            (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM courses) || '|' ||
            (SELECT count(*) FROM course_assignments) || '|' || (SELECT count(*) FROM course_choices) || '|' ||
            (SELECT count(*) FROM course_completions) || '|' || (SELECT count(*) FROM course_credits) || '|' ||
            (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM training_events) || '|' ||
            (SELECT count(*) || ':' || count(attendance) FROM training_participants) || '|' ||
            (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM reading_plans) AS f`,
  );
  return rows[0].f;
}

describe.each(dbKinds())('access control over every route on %s', (kind) => {
  let t: TestApp;
  let world: World;
  const clients = new Map<Role, TestClient>();

  beforeAll(async () => {
    t = await buildTestApp(kind);
    const root = await createUnit(t.db, { name: '江州市分公司' });
    const countyA = await createUnit(t.db, { parent: root, name: '青山县分公司', type: 'county_branch' });
    const countyB = await createUnit(t.db, { parent: root, name: '临江县分公司', type: 'county_branch' });
    const deptA = await createUnit(t.db, { parent: countyA, name: '青山综合办公室' });
    const deptB = await createUnit(t.db, { parent: countyB, name: '临江秘密办公室' });
    const personA = await createPerson(t.db, t.cipher, deptA, { name: '甲某某' });
    const personB = await createPerson(t.db, t.cipher, deptB, { name: '乙保密' });
    const userA = await createUser(t.db, {
      grants: [{ role: 'reserve', unit: deptA }],
      personId: personA.id,
      username: 'target-a',
    });
    const userB = await createUser(t.db, {
      grants: [{ role: 'reserve', unit: deptB }],
      personId: personB.id,
      username: 'target-b',
    });
    const [grantA] = await t.db.select().from(roleGrants).where(eq(roleGrants.userId, userA.id));
    const [grantB] = await t.db.select().from(roleGrants).where(eq(roleGrants.userId, userB.id));
    // A programme of each county, with a draft, and each county's person active in its pool.
    const pool = async (county: typeof countyA, person: typeof personA, name: string) => {
      const [programme] = await t.db
        .insert(programmes)
        .values({
          name,
          tier: '班组长后备',
          unitId: county.id,
          cycleYears: 2,
          eligibility: DEFAULT_ELIGIBILITY,
        })
        .returning();
      const [v1] = await t.db
        .insert(programmeVersions)
        .values({ programmeId: programme.id, number: 1, status: 'published', rules: DEFAULT_RULES })
        .returning();
      await t.db
        .insert(programmeVersions)
        .values({ programmeId: programme.id, number: 2, status: 'draft', rules: DEFAULT_RULES });
      await t.db.update(programmes).set({ currentVersionId: v1.id }).where(eq(programmes.id, programme.id));
      const [reserve] = await t.db
        .insert(reserves)
        .values({
          personId: person.id,
          programmeId: programme.id,
          state: 'active',
          cohortYear: 2026,
          nominatedOn: '2026-01-02',
          enrolledOn: '2026-01-05',
          cycleEnd: '2028-01-04',
        })
        .returning();
      await generateObligations(t.db, {
        reserve: { id: reserve.id, enrolledOn: reserve.enrolledOn!, cycleEnd: reserve.cycleEnd! },
        versionId: v1.id,
        rules: DEFAULT_RULES,
        year: 2026,
      });
      const [obligation] = await t.db
        .select({ id: obligations.id })
        .from(obligations)
        .where(eq(obligations.reserveId, reserve.id))
        .limit(1);
      // A piece of evidence with a file on it, for the download route.
      const [proof] = await t.db
        .insert(evidence)
        .values({ obligationId: obligation.id, sourceType: 'manual', occurredOn: '2026-01-20' })
        .returning();
      await t.db.insert(evidenceFiles).values({
        evidenceId: proof.id,
        name: 'proof.pdf',
        mimeType: 'application/pdf',
        size: 5,
        data: Buffer.from('%PDF-'),
      });
      // A submitted reading reflection, with its uploaded file, for the reflection routes.
      const [reading] = await t.db
        .select({ id: obligations.id })
        .from(obligations)
        .where(and(eq(obligations.reserveId, reserve.id), eq(obligations.ruleKey, 'reading_reflection')));
      const [reflection] = await t.db
        .insert(reflections)
        .values({
          obligationId: reading.id,
          reserveId: reserve.id,
          personId: person.id,
          programmeId: programme.id,
          ruleKey: 'reading_reflection',
          ruleTitle: '书籍或影音资料学习心得',
          periodKey: '2026',
          evidenceKind: 'reading_reflection',
          state: 'submitted',
          draftText: `${name}的读书心得正文`,
          versions: 1,
        })
        .returning();
      const [file] = await t.db
        .insert(reflectionFiles)
        .values({
          reflectionId: reflection.id,
          name: 'reflection.pdf',
          mimeType: 'application/pdf',
          size: 5,
          data: Buffer.from('%PDF-'),
        })
        .returning();
      await t.db.insert(reflectionVersions).values({
        reflectionId: reflection.id,
        number: 1,
        text: `${name}的读书心得正文`,
        chars: 10,
        breakdown: { total: 10, hanzi: 10, punctuation: 0, otherAsian: 0, words: 0 },
        fileId: file.id,
        submittedOn: '2026-11-20',
      });
      // A 分管 relation and a recorded talk with the reserve, for the routes that name them.
      const [charge] = await t.db
        .insert(leaderCharges)
        .values({ leaderPersonId: person.id, unitId: county.id, startOn: '2026-01-01' })
        .returning();
      const [talk] = await t.db
        .insert(talkRecords)
        .values({
          reserveId: reserve.id,
          kind: 'ad_hoc',
          heldOn: '2026-01-10',
          place: '会议室',
          state: 'recorded',
        })
        .returning();
      await t.db.insert(talkTalkers).values({ talkId: talk.id, personId: person.id, role: 'other' });
      // A mentor assignment, a submitted assessment and an approved reward of the county's reserve.
      const [assignment] = await t.db
        .insert(mentorAssignments)
        .values({
          reserveId: reserve.id,
          mentorPersonId: person.id,
          slot: 'related_leader',
          startOn: '2026-01-05',
        })
        .returning();
      const [assessment] = await t.db
        .insert(mentorAssessments)
        .values({
          reserveId: reserve.id,
          mentorPersonId: person.id,
          year: 2026,
          assessedOn: '2026-02-01',
          state: 'submitted',
        })
        .returning();
      const [reward] = await t.db
        .insert(mentorRewards)
        .values({ reserveId: reserve.id, mentorPersonId: person.id, amountFen: 100_000, conditions: [] })
        .returning();
      // A course kept by the county, and its person's completion of it.
      const [course] = await t.db
        .insert(courses)
        .values({
          unitId: county.id,
          code: `${name}-课程`,
          title: `${name}的网上课程`,
          category: '党建',
          hoursTenths: 15,
        })
        .returning();
      const [completion] = await t.db
        .insert(courseCompletions)
        .values({ personId: person.id, courseId: course.id, completedOn: '2026-01-20', source: 'manual' })
        .returning();
      // A training with the reserve taking part, and a published reading plan, of the county.
      const [training] = await t.db
        .insert(trainingEvents)
        .values({ unitId: county.id, year: 2026, title: `${name}管理技能培训`, startOn: '2026-05-20' })
        .returning();
      await t.db
        .insert(trainingParticipants)
        .values({ eventId: training.id, reserveId: reserve.id, year: 2026 });
      const [readingPlan] = await t.db
        .insert(readingPlans)
        .values({
          unitId: county.id,
          year: 2026,
          studyStart: '2026-07-01',
          studyEnd: '2026-09-30',
          mode: 'self',
          materials: [{ kind: 'book', title: `${name}指定书目`, author: '', source: '', note: '' }],
          state: 'published',
        })
        .returning();
      return {
        course,
        completion,
        training,
        readingPlan,
        programme,
        reserve,
        obligation,
        proof,
        reflection,
        reading,
        charge,
        talk,
        assignment,
        assessment,
        reward,
      };
    };
    const poolA = await pool(countyA, personA, '青山县班组长后备培养方案');
    const poolB = await pool(countyB, personB, '临江县保密培养方案');
    world = {
      root: root.id,
      a: {
        unit: deptA.id,
        person: personA.id,
        user: userA.id,
        grant: grantA.id,
        programme: poolA.programme.id,
        reserve: poolA.reserve.id,
        obligation: poolA.obligation.id,
        evidence: poolA.proof.id,
        reflection: poolA.reflection.id,
        readingObligation: poolA.reading.id,
        charge: poolA.charge.id,
        talk: poolA.talk.id,
        mentorAssignment: poolA.assignment.id,
        assessment: poolA.assessment.id,
        reward: poolA.reward.id,
        course: poolA.course.id,
        completion: poolA.completion.id,
        trainingEvent: poolA.training.id,
        readingPlan: poolA.readingPlan.id,
      },
      b: {
        unit: deptB.id,
        person: personB.id,
        user: userB.id,
        grant: grantB.id,
        programme: poolB.programme.id,
        reserve: poolB.reserve.id,
        obligation: poolB.obligation.id,
        evidence: poolB.proof.id,
        reflection: poolB.reflection.id,
        readingObligation: poolB.reading.id,
        charge: poolB.charge.id,
        talk: poolB.talk.id,
        mentorAssignment: poolB.assignment.id,
        assessment: poolB.assessment.id,
        reward: poolB.reward.id,
        course: poolB.course.id,
        completion: poolB.completion.id,
        trainingEvent: poolB.training.id,
        readingPlan: poolB.readingPlan.id,
      },
      // What a user scoped to county A must never receive.
      secret: [
        deptB.id,
        personB.id,
        userB.id,
        personB.name,
        deptB.name,
        personB.employeeNo,
        'target-b',
        poolB.programme.id,
        poolB.programme.name,
        poolB.reserve.id,
        poolB.obligation.id,
        poolB.proof.id,
        poolB.reflection.id,
        `${poolB.programme.name}的读书心得正文`,
        poolB.charge.id,
        poolB.talk.id,
        poolB.assignment.id,
        poolB.assessment.id,
        poolB.reward.id,
        poolB.course.id,
        poolB.course.code,
        poolB.course.title,
        poolB.completion.id,
        poolB.training.id,
        poolB.training.title,
        poolB.readingPlan.id,
        `${poolB.programme.name}指定书目`,
      ],
    };
    for (const role of ROLES) {
      const user = await createUser(t.db, {
        grants: [{ role, unit: role === 'system_admin' ? root : countyA }],
      });
      clients.set(role, await t.login(user.username));
    }
  });
  afterAll(() => t.close());

  it('knows how to call every route', () => {
    const routes = t.app.routeCatalogue;
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      expect(route.access, `${key} declares no access`).toBeTruthy();
      if (route.hasBody && !UPLOAD_ROUTES.has(key))
        expect(SAMPLE_BODIES[key], `add a sample body for ${key}`).toBeDefined();
      if (!route.hasBody && route.method !== 'GET' && !UPLOAD_ROUTES.has(key))
        expect(NO_BODY_WRITES.has(key), `classify ${key}`).toBe(true);
      if (route.url.includes(':id')) expect(route.resource, `${key} names no resource for :id`).toBeTruthy();
    }
  });

  it('answers 401 to anonymous callers on every non-public route', async () => {
    for (const route of t.app.routeCatalogue.filter((r) => r.access !== 'public')) {
      const res = await call(t.anonymous(), route, world.a);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('hides routes from roles without their permission, and records outside the scope from everyone', async () => {
    const before = await fingerprint(t);
    for (const role of ROLES) {
      const client = clients.get(role)!;
      const actor = {
        userId: '',
        username: '',
        displayName: '',
        personId: null,
        grants: [{ role, unitId: '', unitPath: '/', unitName: '' }],
      };
      for (const route of t.app.routeCatalogue) {
        const key = `${route.method} ${route.url}`;
        if (route.access === 'public' || key === 'POST /api/auth/logout') continue;
        const admitted = routeAdmits(route.access!, actor);
        if (!admitted) {
          const res = await call(client, route, world.a);
          expect(res.statusCode, `${role} ${key} without permission`).toBe(404);
          continue;
        }
        if (role === 'system_admin') continue; // sees everything by design
        const refersToRecord =
          route.url.includes(':id') ||
          (route.hasBody &&
            /unitId|parentId|personId|programmeId|reserveIds/.test(
              JSON.stringify(SAMPLE_BODIES[key]?.(world.b) ?? {}),
            ));
        if ((refersToRecord && route.method !== 'GET') || route.url.includes(':id')) {
          const res = await call(client, route, world.b);
          expect(
            [400, 404],
            `${role} ${key} out of scope answered ${res.statusCode}: ${res.body.slice(0, 200)}`,
          ).toContain(res.statusCode);
          if (route.url.includes(':id')) expect(res.statusCode, `${role} ${key} out of scope`).toBe(404);
        }
      }
    }
    expect(await fingerprint(t)).toBe(before);
  });

  it('never returns the other county’s records from any read', async () => {
    let readsChecked = 0;
    for (const role of ROLES.filter((r) => r !== 'system_admin')) {
      const client = clients.get(role)!;
      for (const route of t.app.routeCatalogue.filter((r) => r.method === 'GET' && r.access !== 'public')) {
        const res = await call(client, route, world.a);
        if (res.statusCode !== 200) continue;
        readsChecked++;
        const text = await textOf(res);
        for (const secret of world.secret)
          expect(text.includes(secret), `${role} GET ${route.url} leaked "${secret}"`).toBe(false);
      }
    }
    // The HR administrator alone can read every GET route in its scope; the check is not vacuous.
    expect(readsChecked).toBeGreaterThan(t.app.routeCatalogue.filter((r) => r.method === 'GET').length - 2);
  });

  it('lets each role read what its grants allow', async () => {
    const hr = clients.get('hr_admin')!;
    expect((await hr.get(`/api/people/${world.a.person}`)).statusCode).toBe(200);
    expect((await hr.get(`/api/units/${world.a.unit}`)).statusCode).toBe(200);
    expect((await hr.get(`/api/users/${world.a.user}`)).statusCode).toBe(200);
    expect((await hr.get(`/api/obligations/${world.a.obligation}`)).statusCode).toBe(200);
    const admin = clients.get('system_admin')!;
    expect((await admin.get(`/api/people/${world.b.person}`)).statusCode).toBe(200);
    const people = (await hr.get('/api/people')).json();
    expect(people.items.map((p: { id: string }) => p.id)).toContain(world.a.person);
  });
});
