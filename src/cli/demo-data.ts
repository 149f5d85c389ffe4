/**
 * Deterministic demo and benchmark data (SPEC §2.1): an org tree of a city branch (市分公司) and
 * its people with registration-form fields. Pure: a seeded PRNG, no I/O, no clock — the same seed
 * always yields the same data, so demos, tests and benchmarks are reproducible.
 */
import type { UnitType } from '../core/org/unit-types.js';
import type {
  ASSESSMENT_GRADES,
  DEGREES,
  EDUCATION_LEVELS,
  GENDERS,
  POLITICAL_STATUSES,
} from '../core/people/dictionaries.js';
import { type Career, makePerson, Rng, type Role, type Run, type Slot } from './demo-people.js';
import {
  CITY_BRANCH_NAME,
  CITY_DEPARTMENTS,
  COUNTY_DEPARTMENTS,
  DEMO_COUNTIES,
  numeral,
  PLACE_FIRST,
  PLACE_SECOND,
  PROFILES,
  type ProfileKey,
  TEAM_KINDS,
} from './demo-words.js';

type Gender = (typeof GENDERS)[number];
type Education = (typeof EDUCATION_LEVELS)[number];
type Degree = (typeof DEGREES)[number];
type PoliticalStatus = (typeof POLITICAL_STATUSES)[number];
type AssessmentGrade = (typeof ASSESSMENT_GRADES)[number];

export type DemoResumeLine = { from: string; to: string | null; text: string };
export type DemoAssessment = { year: number; grade: AssessmentGrade };

export type DemoPerson = {
  employeeNo: string;
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string;
  nativePlace: string;
  politicalStatus: PoliticalStatus;
  partyJoinDate: string | null;
  workStartDate: string;
  fullTimeEducation: Education;
  fullTimeDegree: Degree | null;
  fullTimeSchool: string;
  fullTimeMajor: string;
  inServiceEducation: Education | null;
  inServiceDegree: Degree | null;
  inServiceSchool: string | null;
  inServiceMajor: string | null;
  professionalTitle: string | null;
  currentPost: string;
  postSince: string;
  grade: string;
  isMiddleManager: boolean;
  unitCode: string;
  phone: string;
  idNumber: string;
  resume: DemoResumeLine[];
  rewardsPunishments: string | null;
  assessments: DemoAssessment[];
};

export type DemoUnit = {
  code: string;
  name: string;
  type: UnitType;
  parentCode: string | null;
  sortOrder: number;
  headEmployeeNo: string | null;
  deputyEmployeeNos: string[];
};

// ---------------------------------------------------------------- units

/** A unit together with what its people do and its full name as a résumé writes it. */
type UnitInfo = { unit: DemoUnit; profile: ProfileKey; path: string; middle: boolean; maxDeputies: number };

const unit = (
  code: string,
  name: string,
  type: UnitType,
  parentCode: string | null,
  sortOrder: number,
): DemoUnit => ({
  code,
  name,
  type,
  parentCode,
  sortOrder,
  headEmployeeNo: null,
  deputyEmployeeNos: [],
});

const TEAM_HOSTS = new Set(['网络维护部', '网络运营部', '客户服务部']);

const DEPARTMENT_PROFILES = new Map<string, ProfileKey>(
  [...CITY_DEPARTMENTS, ...COUNTY_DEPARTMENTS].map(([, name, profile]) => [name, profile]),
);

/** Profile, résumé path and management level of every unit, derived from the tree alone. */
function describeUnits(units: readonly DemoUnit[]): UnitInfo[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const paths = new Map<string, string>();
  const pathOf = (u: DemoUnit): string => {
    let path = paths.get(u.code);
    if (path === undefined) {
      const parent = u.parentCode === null ? undefined : byCode.get(u.parentCode);
      path = (parent ? pathOf(parent) : '') + u.name;
      paths.set(u.code, path);
    }
    return path;
  };
  return units.map((u) => {
    const parentType = u.parentCode === null ? null : (byCode.get(u.parentCode)?.type ?? null);
    const top = parentType === 'city_branch' || parentType === 'company';
    const profile: ProfileKey =
      u.type === 'city_branch' || u.type === 'company'
        ? 'leadership'
        : u.type === 'county_branch'
          ? 'county'
          : u.type === 'township_branch'
            ? 'township'
            : u.type === 'team'
              ? 'team'
              : (DEPARTMENT_PROFILES.get(u.name) ?? 'office');
    // Middle management (中层) = heads and deputies of the city branch's departments and of county branches.
    const middle = u.type === 'county_branch' || (u.type === 'department' && top);
    const maxDeputies = profile === 'leadership' || middle ? 2 : u.type === 'team' ? 0 : 1;
    return { unit: u, profile, path: pathOf(u), middle, maxDeputies };
  });
}

function demoUnits(): { units: DemoUnit[]; sizes: number[] } {
  const units = [unit('JZ', CITY_BRANCH_NAME, 'city_branch', null, 1)];
  const sizes = [5];
  CITY_DEPARTMENTS.forEach(([suffix, name, , size], i) => {
    units.push(unit(`JZ.${suffix}`, name, 'department', 'JZ', i + 1));
    sizes.push(size);
  });
  DEMO_COUNTIES.forEach((county, i) => {
    const code = `JZ.${county.code}`;
    units.push(unit(code, county.name, 'county_branch', 'JZ', CITY_DEPARTMENTS.length + i + 1));
    sizes.push(3);
    units.push(unit(`${code}.ZH`, COUNTY_DEPARTMENTS[0][1], 'department', code, 1));
    units.push(unit(`${code}.YX`, COUNTY_DEPARTMENTS[1][1], 'department', code, 2));
    sizes.push(5, 8);
    county.townships.forEach((name, t) => {
      units.push(unit(`${code}.T${t + 1}`, name, 'township_branch', code, t + 3));
      sizes.push(t === 0 && i !== 1 ? 9 : 8);
    });
  });
  return { units, sizes };
}

/** Units a résumé's earlier posts may name: every demo unit but the leadership. */
const CAREERS: readonly Career[] = describeUnits(demoUnits().units)
  .filter((info) => info.profile !== 'leadership')
  .map((info) => ({ path: info.path, profile: info.profile, middle: info.middle }));

/** Head, deputy or staff for the n-th person (0-based) of a unit, and the post that goes with it. */
function slotIn(
  info: UnitInfo,
  n: number,
  seq: number,
  employeeNo: string,
  rng: Rng,
  deputies: number,
): Slot {
  const leader = info.profile === 'leadership';
  const p = PROFILES[info.profile];
  let profile = info.profile;
  let role: Role = leader ? 'leader' : n === 0 ? 'head' : 'deputy';
  let post: string;
  if (n === 0) post = p.head;
  else if (n <= deputies) post = p.deputy;
  else if (leader && n - deputies <= p.posts.length) post = p.posts[n - deputies - 1];
  else {
    // Further people at the top of the tree work in the leadership's office.
    profile = leader ? 'office' : info.profile;
    role = 'staff';
    post = rng.pick(PROFILES[profile].posts);
  }
  const unitCode = info.unit.code;
  return { seq, employeeNo, unitCode, unitPath: info.path, profile, role, post, middle: info.middle };
}

function assignManager(info: UnitInfo, slot: Slot): void {
  if (slot.role === 'head' || (slot.role === 'leader' && slot.post === PROFILES.leadership.head))
    info.unit.headEmployeeNo = slot.employeeNo;
  else if (slot.role === 'deputy' || (slot.role === 'leader' && slot.post === PROFILES.leadership.deputy))
    info.unit.deputyEmployeeNos.push(slot.employeeNo);
}

/** The demo organisation: 江州市分公司, its departments, 3 county branches with townships, ~200 people. */
export function generateDemoOrganisation(seed = 1): { units: DemoUnit[]; people: DemoPerson[] } {
  const { units, sizes } = demoUnits();
  const run: Run = { rng: new Rng(seed), ids: new Set(), names: new Set(), careers: CAREERS };
  const people: DemoPerson[] = [];
  describeUnits(units).forEach((info, i) => {
    // Leadership teams keep their deputies; a small department has one deputy, a large one two.
    const fixed = info.profile === 'leadership' || info.profile === 'county';
    const deputies = fixed
      ? info.maxDeputies
      : Math.min(info.maxDeputies, sizes[i] >= 12 ? 2 : sizes[i] >= 4 ? 1 : 0);
    for (let n = 0; n < sizes[i]; n++) {
      const seq = people.length;
      const slot = slotIn(info, n, seq, `JZ${String(seq + 1).padStart(4, '0')}`, run.rng, deputies);
      assignManager(info, slot);
      people.push(makePerson(run, slot));
    }
  });
  return { units, people };
}

/** A benchmark unit tree of exactly `count` units: root, county branches (and city departments), departments and townships, teams. */
export function generateUnits(count: number, seed = 1): DemoUnit[] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError('generateUnits: count must be a positive integer');
  const rng = new Rng(seed);
  const root = unit('JZ', CITY_BRANCH_NAME, 'city_branch', null, 1);
  const units = [root];
  const left = () => count - units.length;
  const departments = Math.min(CITY_DEPARTMENTS.length, Math.floor((count - 1) / 20));
  const counties = Math.min(left() - departments, Math.max(1, Math.round(Math.sqrt(count) / 3)));
  // Place names: a seeded shuffle of syllable pairs; once they run out, 镇 and 乡 forms, then numbered.
  const places = PLACE_FIRST.flatMap((a) => PLACE_SECOND.filter((b) => b !== a).map((b) => a + b));
  for (let i = places.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [places[i], places[j]] = [places[j], places[i]];
  }
  let placeIndex = 0;
  const place = () => {
    const i = placeIndex++;
    const round = Math.floor(i / places.length);
    return places[i % places.length] + (round < 3 ? ['', '镇', '乡'][round] : numeral(round - 1));
  };
  const cityDepartments: DemoUnit[] = [];
  for (let i = 0; i < departments; i++) {
    const [suffix, name] = CITY_DEPARTMENTS[i];
    cityDepartments.push(unit(`JZ-${suffix}`, name, 'department', 'JZ', i + 1));
  }
  const countyUnits: DemoUnit[] = [];
  for (let i = 0; i < counties; i++) {
    const name = `${place()}${i % 4 === 3 ? '区' : '县'}分公司`;
    countyUnits.push(
      unit(`JZ-C${String(i + 1).padStart(3, '0')}`, name, 'county_branch', 'JZ', departments + i + 1),
    );
  }
  units.push(...cityDepartments, ...countyUnits);
  const middle = Math.min(left(), Math.round(count / 6));
  const middleUnits: DemoUnit[] = [];
  const childCount = new Map<string, number>();
  const nextChild = (parent: DemoUnit) => {
    const n = (childCount.get(parent.code) ?? 0) + 1;
    childCount.set(parent.code, n);
    return n;
  };
  for (let i = 0; i < middle; i++) {
    const parent = countyUnits[i % countyUnits.length];
    const n = nextChild(parent);
    const code = `${parent.code}-${String(n).padStart(2, '0')}`;
    middleUnits.push(
      n <= COUNTY_DEPARTMENTS.length
        ? unit(code, COUNTY_DEPARTMENTS[n - 1][1], 'department', parent.code, n)
        : unit(code, `${place()}支局`, 'township_branch', parent.code, n),
    );
  }
  units.push(...middleUnits);
  // Teams (班组) belong to front-line units: townships and network maintenance or service departments.
  const hosts = [...middleUnits, ...cityDepartments].filter(
    (u) => u.type === 'township_branch' || TEAM_HOSTS.has(u.name),
  );
  const teamParents = hosts.length > 0 ? hosts : middleUnits.length > 0 ? middleUnits : countyUnits;
  for (let i = 0, total = left(); i < total; i++) {
    const parent = teamParents[i % teamParents.length];
    const n = nextChild(parent);
    const name = `${TEAM_KINDS[(n - 1) % TEAM_KINDS.length]}${numeral(Math.floor((n - 1) / TEAM_KINDS.length) + 1)}班`;
    units.push(unit(`${parent.code}-B${String(n).padStart(2, '0')}`, name, 'team', parent.code, n));
  }
  return units;
}

export type PeopleOptions = {
  count: number;
  unitCodes: readonly string[];
  seed?: number;
  /** The units behind `unitCodes`, in the same order: posts, heads and résumés then fit the unit. */
  units?: readonly DemoUnit[];
  employeeNoPrefix?: string;
};

/** Benchmark people one at a time; person i belongs to unit i mod n, so the first n are its heads. */
export function* iteratePeople(options: PeopleOptions): Generator<DemoPerson> {
  const { count, unitCodes, seed = 1, units, employeeNoPrefix = 'E' } = options;
  if (unitCodes.length === 0) throw new RangeError('iteratePeople: unitCodes is empty');
  if (units && units.length !== unitCodes.length)
    throw new RangeError('iteratePeople: units and unitCodes differ');
  const infos = units ? describeUnits(units) : null;
  // A different stream from generateUnits' with the same seed; names may repeat at this scale.
  const run: Run = { rng: new Rng(seed ^ 0x5bd1e995), ids: new Set(), names: null, careers: CAREERS };
  const generic = Object.keys(PROFILES).filter((k) => k !== 'leadership' && k !== 'county') as ProfileKey[];
  for (let seq = 0; seq < count; seq++) {
    const u = seq % unitCodes.length;
    const employeeNo = `${employeeNoPrefix}${String(seq + 1).padStart(7, '0')}`;
    let slot: Slot;
    if (infos)
      slot = slotIn(
        infos[u],
        Math.floor(seq / unitCodes.length),
        seq,
        employeeNo,
        run.rng,
        infos[u].maxDeputies,
      );
    else {
      const profile = generic[u % generic.length];
      const post = run.rng.pick(PROFILES[profile].posts);
      slot = {
        seq,
        employeeNo,
        unitCode: unitCodes[u],
        unitPath: CITY_BRANCH_NAME,
        profile,
        role: 'staff',
        post,
        middle: false,
      };
    }
    yield makePerson(run, slot);
  }
}

/** `count` benchmark people spread evenly over the given units. */
export function generatePeople(options: PeopleOptions): DemoPerson[] {
  return Array.from(iteratePeople(options));
}

/** A whole benchmark tier: the unit tree and its people, with each unit's head and deputies set. */
export function generateTier(options: { unitCount: number; peopleCount: number; seed?: number }): {
  units: DemoUnit[];
  people: DemoPerson[];
} {
  const { unitCount, peopleCount, seed = 1 } = options;
  const units = generateUnits(unitCount, seed);
  const infos = describeUnits(units);
  const byCode = new Map(infos.map((info) => [info.unit.code, info]));
  const people = generatePeople({ count: peopleCount, unitCodes: units.map((u) => u.code), units, seed });
  for (const person of people) {
    const info = byCode.get(person.unitCode)!;
    const post = person.currentPost;
    const p = PROFILES[info.profile];
    if (post === p.head && info.unit.headEmployeeNo === null) info.unit.headEmployeeNo = person.employeeNo;
    else if (post === p.deputy && info.unit.deputyEmployeeNos.length < info.maxDeputies)
      info.unit.deputyEmployeeNos.push(person.employeeNo);
  }
  return { units, people };
}
