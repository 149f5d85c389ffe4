import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_GRADES,
  DEGREES,
  EDUCATION_LEVELS,
  GENDERS,
  POLITICAL_STATUSES,
} from '../core/people/dictionaries.js';
import { idNumberBirthDate, isValidIdNumber } from '../core/people/id-number.js';
import {
  type DemoPerson,
  type DemoUnit,
  generateDemoOrganisation,
  generatePeople,
  generateTier,
  generateUnits,
  iteratePeople,
} from './demo-data.js';

const CODE = /^[A-Za-z0-9_.-]{1,32}$/;
const EMPLOYEE_NO = /^[A-Za-z0-9]{1,32}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** Every rule a single person must satisfy, as a list of broken ones (empty when fine). */
function problems(p: DemoPerson): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => ok || out.push(`${p.employeeNo}: ${what}`);
  check(EMPLOYEE_NO.test(p.employeeNo), 'employee number');
  check(isValidIdNumber(p.idNumber), `ID number ${p.idNumber}`);
  check(idNumberBirthDate(p.idNumber) === p.birthDate, 'ID birth date');
  check(Number(p.idNumber[16]) % 2 === (p.gender === '男' ? 1 : 0), 'ID gender digit');
  check((GENDERS as readonly string[]).includes(p.gender), 'gender');
  check((POLITICAL_STATUSES as readonly string[]).includes(p.politicalStatus), 'political status');
  check((EDUCATION_LEVELS as readonly string[]).includes(p.fullTimeEducation), 'education');
  check(
    p.inServiceEducation === null || (EDUCATION_LEVELS as readonly string[]).includes(p.inServiceEducation),
    'in-service',
  );
  check(p.fullTimeDegree === null || (DEGREES as readonly string[]).includes(p.fullTimeDegree), 'degree');
  check(
    p.inServiceDegree === null || (DEGREES as readonly string[]).includes(p.inServiceDegree),
    'in-service degree',
  );
  check(/^1[3-9]\d{9}$/.test(p.phone), `phone ${p.phone}`);
  for (const d of [p.birthDate, p.workStartDate, p.postSince]) check(DATE.test(d), `date ${d}`);
  const age = 2025 - Number(p.birthDate.slice(0, 4));
  check(age >= 23 && age <= 58, `age ${age}`);
  const adult = `${Number(p.birthDate.slice(0, 4)) + 18}${p.birthDate.slice(4)}`;
  check(p.workStartDate > adult, 'works before 18');
  check(p.postSince >= p.workStartDate.slice(0, 7), 'post before work start');
  const party = p.politicalStatus === '中共党员' || p.politicalStatus === '中共预备党员';
  check(party === (p.partyJoinDate !== null), 'party join date');
  if (p.partyJoinDate) check(p.partyJoinDate > adult && p.partyJoinDate <= '2025-12-31', 'party before 18');
  // Résumé: months well formed, in order, contiguous from the first job on, the last one open.
  const lines = p.resume;
  check(lines.length >= 2 && lines[lines.length - 1].to === null, 'résumé ends with the current post');
  for (const [i, line] of lines.entries()) {
    check(MONTH.test(line.from) && (line.to === null || MONTH.test(line.to)), 'résumé month');
    check(line.to === null || line.from <= line.to, `résumé line ${i} backwards`);
    if (i > 0) check(line.from >= (lines[i - 1].to ?? ''), `résumé line ${i} overlaps`);
    check(line.text.length > 0 && line.text.length <= 200, 'résumé text');
  }
  check(lines[lines.length - 1].from === p.postSince.slice(0, 7), 'résumé current post date');
  check(lines[0].from.slice(0, 4) > p.birthDate.slice(0, 4), 'school after birth');
  for (const a of p.assessments)
    check(a.year >= 2023 && a.year <= 2025 && ASSESSMENT_GRADES.includes(a.grade), 'assessment');
  return out;
}

function treeProblems(units: readonly DemoUnit[], people: readonly DemoPerson[]): string[] {
  const out: string[] = [];
  const byCode = new Map(units.map((u) => [u.code, u]));
  if (byCode.size !== units.length) out.push('duplicate unit codes');
  const unitOf = new Map(people.map((p) => [p.employeeNo, p.unitCode]));
  for (const u of units) {
    if (!CODE.test(u.code)) out.push(`bad code ${u.code}`);
    if (u.parentCode !== null && !byCode.has(u.parentCode)) out.push(`missing parent of ${u.code}`);
    // Walking up must reach a root within as many steps as there are units.
    let cursor: DemoUnit | undefined = u;
    for (let steps = 0; cursor?.parentCode != null; steps++) {
      if (steps > units.length) {
        out.push(`cycle at ${u.code}`);
        break;
      }
      cursor = byCode.get(cursor.parentCode);
    }
    for (const no of [u.headEmployeeNo, ...u.deputyEmployeeNos]) {
      if (no !== null && unitOf.get(no) !== u.code) out.push(`${no} leads ${u.code} but is not in it`);
    }
    if (u.deputyEmployeeNos.length > 2) out.push(`too many deputies in ${u.code}`);
  }
  for (const p of people)
    if (!byCode.has(p.unitCode)) out.push(`${p.employeeNo} in unknown unit ${p.unitCode}`);
  return out;
}

const unique = (values: readonly string[]) => new Set(values).size === values.length;

describe('generateDemoOrganisation', () => {
  const demo = generateDemoOrganisation();

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateDemoOrganisation(1)).toEqual(demo);
    expect(generateDemoOrganisation(2).people).not.toEqual(demo.people);
    expect(generateDemoOrganisation(2).units.map((u) => u.code)).toEqual(demo.units.map((u) => u.code));
  });

  it('has about 200 valid people with unique ID and employee numbers', () => {
    expect(demo.people.length).toBeGreaterThanOrEqual(180);
    expect(demo.people.length).toBeLessThanOrEqual(220);
    expect(demo.people.flatMap(problems)).toEqual([]);
    expect(unique(demo.people.map((p) => p.idNumber))).toBe(true);
    expect(unique(demo.people.map((p) => p.employeeNo))).toBe(true);
    expect(unique(demo.people.map((p) => p.name))).toBe(true);
  });

  it('is a sound tree whose heads and deputies belong to their units', () => {
    expect(treeProblems(demo.units, demo.people)).toEqual([]);
    expect(demo.units.filter((u) => u.parentCode === null)).toHaveLength(1);
  });

  it('has the city branch, its departments and 3 county branches with 2 townships each', () => {
    const root = demo.units.find((u) => u.parentCode === null)!;
    expect(root.type).toBe('city_branch');
    expect(root.name).toMatch(/市分公司$/);
    const departments = demo.units.filter((u) => u.parentCode === root.code && u.type === 'department');
    for (const name of [
      '综合部(办公室)',
      '人力资源部',
      '财务部',
      '市场部',
      '政企客户部',
      '网络运营部',
      '党群工作部',
      '纪检监察室',
    ])
      expect(departments.map((u) => u.name)).toContain(name);
    const counties = demo.units.filter((u) => u.type === 'county_branch');
    expect(counties).toHaveLength(3);
    for (const county of counties) {
      const children = demo.units.filter((u) => u.parentCode === county.code);
      expect(children.filter((u) => u.type === 'township_branch')).toHaveLength(2);
      expect(children.filter((u) => u.type === 'department').length).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives every unit a head and marks middle managers', () => {
    const byNo = new Map(demo.people.map((p) => [p.employeeNo, p]));
    for (const u of demo.units) expect(u.headEmployeeNo).not.toBeNull();
    const hr = demo.units.find((u) => u.name === '人力资源部')!;
    expect(byNo.get(hr.headEmployeeNo!)?.isMiddleManager).toBe(true);
    const county = demo.units.find((u) => u.type === 'county_branch')!;
    expect(byNo.get(county.headEmployeeNo!)?.currentPost).toBe('总经理');
    expect(county.deputyEmployeeNos.every((no) => byNo.get(no)?.isMiddleManager)).toBe(true);
    const township = demo.units.find((u) => u.type === 'township_branch')!;
    expect(byNo.get(township.headEmployeeNo!)?.currentPost).toBe('支局长');
    const middle = demo.people.filter((p) => p.isMiddleManager);
    expect(middle.length).toBeGreaterThan(20);
    // Every middle manager heads or deputises a unit.
    const leads = new Set(demo.units.flatMap((u) => [u.headEmployeeNo, ...u.deputyEmployeeNos]));
    expect(middle.every((p) => leads.has(p.employeeNo))).toBe(true);
  });

  it('looks like a real workforce', () => {
    const share = (f: (p: DemoPerson) => boolean) => demo.people.filter(f).length / demo.people.length;
    expect(share((p) => p.ethnicity === '汉族')).toBeGreaterThan(0.8);
    expect(share((p) => p.fullTimeEducation === '大学本科')).toBeGreaterThan(0.4);
    expect(share((p) => p.assessments.some((a) => a.grade === '优秀'))).toBeGreaterThan(0.1);
    const managers = demo.people.filter((p) => p.isMiddleManager);
    expect(managers.filter((p) => p.politicalStatus === '中共党员').length / managers.length).toBeGreaterThan(
      0.7,
    );
  });
});

describe('tier generators', () => {
  it('generateUnits makes exactly the requested number of units, as a sound tree', () => {
    for (const count of [1, 2, 5, 37, 1500]) {
      const units = generateUnits(count, 3);
      expect(units).toHaveLength(count);
      expect(treeProblems(units, [])).toEqual([]);
    }
    const units = generateUnits(1500);
    expect(new Set(units.map((u) => u.type))).toEqual(
      new Set(['city_branch', 'department', 'county_branch', 'township_branch', 'team']),
    );
    expect(generateUnits(200, 7)).toEqual(generateUnits(200, 7));
  });

  it('generatePeople makes exactly the requested number of valid, unique people', () => {
    const units = generateUnits(1500);
    const people = generatePeople({ count: 20_000, unitCodes: units.map((u) => u.code), units });
    expect(people).toHaveLength(20_000);
    expect(people.flatMap(problems).slice(0, 5)).toEqual([]);
    expect(unique(people.map((p) => p.idNumber))).toBe(true);
    expect(unique(people.map((p) => p.employeeNo))).toBe(true);
    const codes = new Set(units.map((u) => u.code));
    expect(people.every((p) => codes.has(p.unitCode))).toBe(true);
  });

  it('works with bare unit codes and streams the same people it returns', () => {
    const options = { count: 500, unitCodes: ['A', 'B', 'C'], seed: 9 };
    const people = generatePeople(options);
    expect(people).toHaveLength(500);
    expect(people.flatMap(problems)).toEqual([]);
    expect([...iteratePeople(options)]).toEqual(people);
  });

  it('generateTier sets heads and deputies from the unit’s own people', () => {
    const tier = generateTier({ unitCount: 300, peopleCount: 4000, seed: 5 });
    expect(tier.units).toHaveLength(300);
    expect(tier.people).toHaveLength(4000);
    expect(treeProblems(tier.units, tier.people)).toEqual([]);
    expect(tier.units.every((u) => u.headEmployeeNo !== null)).toBe(true);
    expect(tier.people.some((p) => p.isMiddleManager)).toBe(true);
  });
});
