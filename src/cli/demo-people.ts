/**
 * One person of the demo and benchmark data (demo-data.ts): a registration form whose dates agree
 * with each other — birth, school, first job, party membership, current post, ID number.
 */
import { ASSESSMENT_GRADES } from '../core/people/dictionaries.js';
import { idNumberCheckChar } from '../core/people/id-number.js';
import type { DemoPerson, DemoResumeLine } from './demo-data.js';
import {
  CITY_BRANCH_NAME,
  COLLEGES,
  ETHNICITIES,
  type Field,
  GIVEN_FIRST,
  GIVEN_SECOND,
  GRADE_NAMES,
  IN_SERVICE_MASTER_MAJORS,
  IN_SERVICE_MASTER_SCHOOLS,
  MAJORS,
  NATIVE_PLACES,
  PHONE_PREFIXES,
  PROFILES,
  type ProfileKey,
  PUNISHMENTS,
  REWARDS,
  SURNAMES,
  TITLE_LADDERS,
  UNIVERSITIES,
} from './demo-words.js';

type Gender = DemoPerson['gender'];
type PoliticalStatus = DemoPerson['politicalStatus'];
type Education = DemoPerson['fullTimeEducation'];
type Degree = NonNullable<DemoPerson['fullTimeDegree']>;

/** The data is "as of" the end of 2025: ages, assessments and dates are relative to it. */
const YEAR = 2025;
const LATEST_APPOINTMENT = YEAR * 12 + 8; // September 2025, as a month index (year * 12 + month - 1)

// ---------------------------------------------------------------- random numbers

type Table<T> = { items: readonly T[]; cumulative: number[]; total: number };

function table<T>(entries: readonly (readonly [T, number])[]): Table<T> {
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of entries) {
    total += w;
    cumulative.push(total);
  }
  return { items: entries.map(([item]) => item), cumulative, total };
}

/** mulberry32: tiny, fast and good enough for test data; seeded so runs repeat. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = (Math.imul(seed | 0, 0x9e3779b1) ^ 0x85ebca6b) >>> 0;
  }
  float(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.float() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }
  draw<T>(t: Table<T>): T {
    const r = this.float() * t.total;
    let lo = 0;
    let hi = t.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t.cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return t.items[lo];
  }
}

const SURNAME_TABLE = table(SURNAMES);
const ETHNICITY_TABLE = table(ETHNICITIES);
const PLACE_TABLE = table(NATIVE_PLACES.map((p) => [p, p.weight] as const));
const FIELD_TABLES = Object.fromEntries(
  Object.entries(PROFILES).map(([key, p]) => [key, table(p.fields)]),
) as Record<ProfileKey, Table<Field>>;

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const ym = (month: number) => `${Math.floor(month / 12)}-${pad2((month % 12) + 1)}`;
const ymd = (month: number, day: number) => `${ym(month)}-${pad2(day)}`;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (year: number, month1: number) =>
  month1 === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : MONTH_DAYS[month1 - 1];

// ---------------------------------------------------------------- people

export type Role = 'leader' | 'head' | 'deputy' | 'staff';

/** Where a person sits: everything the generator needs to know about the post. */
export type Slot = {
  seq: number;
  employeeNo: string;
  unitCode: string;
  unitPath: string;
  profile: ProfileKey;
  role: Role;
  post: string;
  middle: boolean;
};

export type Career = { path: string; profile: ProfileKey; middle: boolean };

/** Shared state of one generation run: uniqueness sets and the units a résumé may mention. */
export type Run = { rng: Rng; ids: Set<number>; names: Set<string> | null; careers: readonly Career[] };

function personName(rng: Rng, gender: Gender): string {
  const second = GIVEN_SECOND[gender];
  let given = rng.pick(second);
  if (rng.chance(0.78)) {
    const first = rng.pick(GIVEN_FIRST[gender]);
    if (first !== given) given = first + given;
  }
  return rng.draw(SURNAME_TABLE) + given;
}

function ageFor(rng: Rng, slot: Slot): number {
  if (slot.role === 'leader') return rng.int(45, 56);
  if (slot.role === 'head') return slot.middle ? rng.int(38, 55) : rng.int(30, 52);
  if (slot.role === 'deputy') return slot.middle ? rng.int(34, 52) : rng.int(28, 48);
  return 23 + Math.floor(36 * ((rng.float() + rng.float()) / 2));
}

function educationFor(rng: Rng, birthYear: number, manager: boolean): Education {
  const r = rng.float() * 100;
  const [master, bachelor, college] =
    birthYear >= 1988 ? [18, 70, 11] : birthYear >= 1975 ? [10, 62, 24] : [4, 44, 38];
  if (r < master) return '硕士研究生';
  if (r < master + bachelor + (manager ? 8 : 0)) return '大学本科';
  if (r < master + bachelor + college || manager) return '大学专科';
  return '中专';
}

const GRADUATION_AGE: Partial<Record<Education, number>> = {
  硕士研究生: 25,
  大学本科: 22,
  大学专科: 21,
  中专: 19,
};
const STUDY_YEARS: Partial<Record<Education, number>> = { 硕士研究生: 3, 大学本科: 4, 大学专科: 3, 中专: 3 };

function politicalFor(rng: Rng, slot: Slot, age: number): PoliticalStatus {
  const r = rng.float();
  if (slot.role === 'leader' || (slot.middle && slot.role !== 'staff'))
    return r < 0.92 ? '中共党员' : r < 0.98 ? '群众' : '民主党派';
  if (slot.role !== 'staff')
    return r < 0.75 ? '中共党员' : r < 0.78 ? '中共预备党员' : r < 0.98 ? '群众' : '民主党派';
  if (age <= 28) return r < 0.4 ? '共青团员' : r < 0.65 ? '中共党员' : r < 0.73 ? '中共预备党员' : '群众';
  return r < 0.38
    ? '中共党员'
    : r < 0.4
      ? '中共预备党员'
      : r < 0.97
        ? '群众'
        : r < 0.99
          ? '民主党派'
          : '无党派人士';
}

function titleFor(rng: Rng, field: Field, years: number, education: Education): string | null {
  const ladder = TITLE_LADDERS[field];
  const r = rng.float();
  let level = -1;
  if (years >= 12) level = r < 0.4 ? 2 : r < 0.9 ? 1 : -1;
  else if (years >= 5) level = r < 0.7 ? 1 : r < 0.9 ? 0 : -1;
  else if (years >= 1) level = r < 0.75 ? 0 : -1;
  if (education === '硕士研究生' && years >= 3 && level < 1) level = 1;
  if (level === 2 && years >= 20 && ladder.length > 3 && rng.chance(0.08)) level = 3;
  return level < 0 ? null : ladder[level];
}

function gradeFor(rng: Rng, slot: Slot, years: number): string {
  let index: number; // into GRADE_NAMES, 0 = 一级
  if (slot.role === 'leader') index = slot.post === PROFILES.leadership.head ? 3 : 4;
  else if (slot.role === 'head') index = slot.middle ? 5 : slot.profile === 'team' ? 8 : 7;
  else if (slot.role === 'deputy') index = slot.middle ? 6 : 8;
  else
    index = (years < 3 ? 11 : years < 8 ? 10 : years < 15 ? 9 : 8) - (years >= 3 && rng.chance(0.2) ? 1 : 0);
  return GRADE_NAMES[index];
}

/** A unit of the career pool whose head is (or is not) middle management; staff posts avoid county leadership. */
function careerWith(rng: Rng, run: Run, wanted: (c: Career) => boolean): Career {
  let career = rng.pick(run.careers);
  for (let n = 0; n < 50 && !wanted(career); n++) career = rng.pick(run.careers);
  return career;
}

/** A post held before the current one; `stepUp` is the one right before a managing post. */
function earlierPost(rng: Rng, run: Run, slot: Slot, stepUp: boolean): string {
  if (stepUp && slot.role === 'leader') {
    // Leaders come up through heading a department or a county branch.
    const career = careerWith(rng, run, (c) => c.middle);
    return `${career.path}${PROFILES[career.profile].head}`;
  }
  if (stepUp && slot.role === 'head' && rng.chance(0.6))
    return `${slot.unitPath}${PROFILES[slot.profile].deputy}`;
  if (stepUp && slot.middle && rng.chance(0.6)) {
    // Middle managers often headed a township or a county department first.
    const career = careerWith(rng, run, (c) => !c.middle);
    return `${career.path}${PROFILES[career.profile].head}`;
  }
  if ((stepUp || slot.profile !== 'county') && slot.role !== 'leader' && rng.chance(0.5))
    return `${slot.unitPath}${rng.pick(PROFILES[slot.profile].posts)}`;
  const career = careerWith(rng, run, (c) => c.profile !== 'county');
  return `${career.path}${rng.pick(PROFILES[career.profile].posts)}`;
}

/** Résumé lines from school to the current post, contiguous month by month. */
function resumeFor(
  rng: Rng,
  slot: Slot,
  run: Run,
  study: { education: Education; gradYear: number; school: string; major: string; field: Field },
  workStart: number,
  postSince: number,
): DemoResumeLine[] {
  const lines: DemoResumeLine[] = [];
  const { education, gradYear, school, major, field } = study;
  const years = STUDY_YEARS[education] ?? 3;
  if (education === '硕士研究生') {
    const undergrad = `${rng.pick(UNIVERSITIES[field])}${rng.pick(MAJORS.higher[field])}专业学习`;
    lines.push({ from: `${gradYear - 7}-09`, to: `${gradYear - 3}-07`, text: undergrad });
    lines.push({
      from: `${gradYear - 3}-09`,
      to: `${gradYear}-07`,
      text: `${school}${major}专业硕士研究生学习`,
    });
  } else {
    lines.push({ from: `${gradYear - years}-09`, to: `${gradYear}-07`, text: `${school}${major}专业学习` });
  }
  // Earlier posts, each held a year or more; a manager's last one is the step up to the current post.
  const manager = slot.role !== 'staff';
  const span = postSince - workStart;
  const starts = [workStart];
  if (span >= 24) {
    const cuts: number[] = [];
    for (let i = manager ? rng.int(1, 3) : rng.int(0, 2); i > 0; i--)
      cuts.push(rng.int(workStart + 12, postSince - 12));
    if (manager) cuts[0] = postSince - rng.int(12, Math.min(72, span - 12));
    cuts.sort((x, y) => x - y);
    for (const cut of cuts) if (cut - starts[starts.length - 1] >= 12) starts.push(cut);
  }
  const current = `${slot.unitPath}${slot.post}`;
  for (let i = 0; i < starts.length && postSince > workStart; i++) {
    const last = i === starts.length - 1;
    const previous = lines[lines.length - 1].text;
    let text = earlierPost(rng, run, slot, last && i > 0 && slot.role !== 'staff');
    for (let n = 0; n < 5 && (text === previous || text === current); n++)
      text = earlierPost(rng, run, slot, false);
    lines.push({ from: ym(starts[i]), to: ym(last ? postSince : starts[i + 1]), text });
  }
  lines.push({ from: ym(postSince), to: null, text: `${slot.unitPath}${slot.post}` });
  return lines;
}

function rewardsFor(rng: Rng, slot: Slot, party: boolean, workYear: number): string | null {
  const parts: { year: number; text: string }[] = [];
  const from = Math.max(workYear + 1, 2016);
  if (from <= YEAR && rng.chance(slot.role === 'staff' ? 0.22 : 0.6)) {
    const count = rng.int(1, 2);
    for (let i = 0; i < count; i++) {
      const reward = rng.pick(REWARDS);
      if (reward.party && !party) continue;
      parts.push({ year: rng.int(from, YEAR), text: reward.text });
    }
  }
  if (from <= YEAR && slot.role !== 'leader' && rng.chance(0.01))
    parts.push({ year: rng.int(from, YEAR), text: rng.pick(PUNISHMENTS) });
  if (parts.length === 0) return null;
  parts.sort((a, b) => a.year - b.year);
  const texts = parts.map((p) => p.text.replace('{y}', String(p.year)).replace('{org}', CITY_BRANCH_NAME));
  return [...new Set(texts)].join('；');
}

// Weights in the order of ASSESSMENT_GRADES: 优秀, 称职, 基本称职, 不称职.
const MANAGER_GRADES = table(ASSESSMENT_GRADES.map((g, i) => [g, [30, 68, 2, 0][i]] as const));
const STAFF_GRADES = table(ASSESSMENT_GRADES.map((g, i) => [g, [180, 790, 28, 2][i]] as const));

/** One person for a slot; consistent dates throughout (birth → school → work → post). */
export function makePerson(run: Run, slot: Slot): DemoPerson {
  const { rng } = run;
  const manager = slot.role !== 'staff';
  const gender: Gender = rng.chance(manager ? 0.75 : PROFILES[slot.profile].maleRate) ? '男' : '女';
  let name = personName(rng, gender);
  for (let i = 0; run.names?.has(name) && i < 20; i++) name = personName(rng, gender);
  run.names?.add(name);

  const age = ageFor(rng, slot);
  const birthYear = YEAR - age;
  const birthMonth = rng.int(1, 12);
  const birthDay = rng.int(1, daysIn(birthYear, birthMonth));
  const birthDate = `${birthYear}-${pad2(birthMonth)}-${pad2(birthDay)}`;

  let education = educationFor(rng, birthYear, manager);
  let gradYear = birthYear + (GRADUATION_AGE[education] ?? 22) + (rng.chance(0.25) ? 1 : 0);
  if (gradYear > YEAR) {
    education = '大学本科';
    gradYear = birthYear + 22;
  }
  const field = rng.draw(FIELD_TABLES[slot.profile]);
  const vocational = education === '大学专科' || education === '中专';
  const school = rng.pick(vocational ? COLLEGES[field] : UNIVERSITIES[field]);
  const major = rng.pick(
    MAJORS[education === '硕士研究生' ? 'master' : vocational ? 'vocational' : 'higher'][field],
  );
  const degree: Degree | null =
    education === '硕士研究生'
      ? '硕士'
      : education === '大学本科'
        ? rng.chance(0.97)
          ? '学士'
          : '无'
        : null;

  const workStart = Math.min(
    gradYear * 12 + 6 + rng.int(0, 2) + (rng.chance(0.1) ? rng.int(1, 6) : 0),
    YEAR * 12 + 10,
  );
  const workYear = Math.floor(workStart / 12);
  const years = YEAR - workYear;

  let inServiceEducation: Education | null = null;
  let inServiceDegree: Degree | null = null;
  let inServiceSchool: string | null = null;
  let inServiceMajor: string | null = null;
  if (vocational && workYear <= 2020 && rng.chance(manager ? 0.8 : 0.4)) {
    inServiceEducation = '大学本科';
    inServiceDegree = rng.chance(0.5) ? '学士' : null;
    inServiceSchool = rng.pick(UNIVERSITIES[field]);
    inServiceMajor = rng.pick(MAJORS.higher[field]);
  } else if (education === '大学本科' && years >= 4 && rng.chance(manager ? 0.3 : 0.08)) {
    inServiceEducation = '硕士研究生';
    inServiceDegree = '硕士';
    inServiceSchool = rng.pick(IN_SERVICE_MASTER_SCHOOLS);
    inServiceMajor = rng.pick(IN_SERVICE_MASTER_MAJORS);
  }

  const politicalStatus = politicalFor(rng, slot, age);
  let partyJoinDate: string | null = null;
  if (politicalStatus === '中共预备党员') partyJoinDate = ymd(YEAR * 12 + rng.int(0, 10), rng.int(1, 28));
  else if (politicalStatus === '中共党员') {
    // Joined at university or some years into work; never before turning 19, never in the last year.
    let year = rng.chance(0.4) ? gradYear - rng.int(1, 2) : workYear + rng.int(1, 10);
    year = Math.min(Math.max(year, birthYear + 19), YEAR - 1);
    partyJoinDate = ymd(year * 12 + rng.int(0, 11), rng.int(1, 28));
  }

  const minTenure = { leader: 18, head: slot.middle ? 10 : 5, deputy: slot.middle ? 7 : 4, staff: 0 }[
    slot.role
  ];
  const window = manager ? 8 * 12 : 12 * 12;
  const earliest = Math.min(
    Math.max(workStart + minTenure * 12, LATEST_APPOINTMENT - window),
    LATEST_APPOINTMENT,
  );
  const postSince = Math.max(workStart, rng.int(earliest, LATEST_APPOINTMENT));

  const study = { education, gradYear, school, major, field };
  const party = politicalStatus === '中共党员' || politicalStatus === '中共预备党员';
  const place = rng.draw(PLACE_TABLE);
  const ethnicity = place.minority && rng.chance(0.4) ? place.minority : rng.draw(ETHNICITY_TABLE);
  return {
    employeeNo: slot.employeeNo,
    name,
    gender,
    ethnicity,
    birthDate,
    nativePlace: place.place,
    politicalStatus,
    partyJoinDate,
    workStartDate: ymd(workStart, rng.int(1, 28)),
    fullTimeEducation: education,
    fullTimeDegree: degree,
    fullTimeSchool: school,
    fullTimeMajor: major,
    inServiceEducation,
    inServiceDegree,
    inServiceSchool,
    inServiceMajor,
    professionalTitle: titleFor(rng, field, years, education),
    currentPost: slot.post,
    postSince: ymd(postSince, rng.int(1, 28)),
    grade: gradeFor(rng, slot, years),
    isMiddleManager: slot.middle && (slot.role === 'head' || slot.role === 'deputy'),
    unitCode: slot.unitCode,
    phone: rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0'),
    idNumber: idNumberFor(run, rng.pick(place.codes), birthDate.replaceAll('-', ''), gender, slot.seq),
    resume: resumeFor(rng, slot, run, study, workStart, postSince),
    rewardsPunishments: rewardsFor(rng, slot, party, workYear),
    assessments: [2023, 2024, 2025]
      .filter((y) => workStart < y * 12 + 3)
      .map((year) => ({ year, grade: rng.draw(manager ? MANAGER_GRADES : STAFF_GRADES) })),
  };
}

const REGION_CODES = NATIVE_PLACES.flatMap((p) => p.codes);
const REGION_INDEX = new Map(REGION_CODES.map((code, i) => [code, i]));

/**
 * An 18-character ID number. The order code walks with the sequence number, so collisions are
 * rare, and the set of used numbers (kept as small integers, which is fast) rules them out: a
 * taken number moves to the next order code, then to the next region. The order code's last digit
 * is odd for men, even for women.
 */
function idNumberFor(run: Run, region: string, birth: string, gender: Gender, seq: number): string {
  const bit = gender === '男' ? 1 : 0;
  const day =
    (Number(birth.slice(0, 4)) - 1900) * 372 + Number(birth.slice(4, 6)) * 31 + Number(birth.slice(6));
  let regionIndex = REGION_INDEX.get(region) ?? 0;
  let base = 1 + (seq % 499);
  for (let attempt = 0; attempt < 499 * REGION_CODES.length; attempt++) {
    const key = ((regionIndex * 50_000 + day) * 500 + base) * 2 + bit;
    if (!run.ids.has(key)) {
      run.ids.add(key);
      const first17 = `${REGION_CODES[regionIndex]}${birth}${String(base * 2 + bit).padStart(3, '0')}`;
      return first17 + idNumberCheckChar(first17);
    }
    base = (base % 499) + 1;
    if (attempt % 499 === 498) regionIndex = (regionIndex + 1) % REGION_CODES.length;
  }
  throw new Error('demo-data: ID numbers exhausted');
}
