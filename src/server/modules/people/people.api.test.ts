import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdNumber, createPerson, createUnit, createUser, nextSeq } from '../../../../test/factories.js';
import { buildTestApp, type TestApp, type TestClient } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import { maskIdNumber } from '../../../core/people/id-number.js';
import { auditLog } from '../../platform/audit.table.js';
import { people } from './people.table.js';

type UnitRow = Awaited<ReturnType<typeof createUnit>>;
type ListItem = {
  id: string;
  name: string;
  employeeNo: string;
  idNumberMasked: string | null;
  active: boolean;
};

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

describe.each(dbKinds())('people API on %s', (kind) => {
  let t: TestApp;
  let city: UnitRow;
  /** The hr_admin's and the leadership user's granted branch. */
  let county: UnitRow;
  let otherCounty: UnitRow;
  let hr: TestClient;
  let leader: TestClient;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    city = await createUnit(t.db, { type: 'city_branch' });
    county = await createUnit(t.db, { parent: city, type: 'county_branch' });
    otherCounty = await createUnit(t.db, { parent: city, type: 'county_branch' });
    hr = await t.login((await createUser(t.db, { grants: [{ role: 'hr_admin', unit: county }] })).username);
    leader = await t.login(
      (await createUser(t.db, { grants: [{ role: 'leadership', unit: county }] })).username,
    );
  });
  afterAll(() => t.close());

  /** A department of its own for one test, so that lists filtered by it hold only that test's people. */
  const newDept = (parent: UnitRow = county) => createUnit(t.db, { parent, type: 'department' });
  const list = async (client: TestClient, query: string) => {
    const res = await client.get(`/api/people?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: ListItem[]; total: number; page: number; pageSize: number };
  };
  const idsOf = (items: { id: string }[]) => items.map((i) => i.id).sort();
  const personBody = (unit: UnitRow, overrides: Record<string, unknown> = {}) => ({
    employeeNo: `P${nextSeq()}`,
    name: `新人${nextSeq()}`,
    gender: '女',
    birthDate: '1990-01-15',
    unitId: unit.id,
    ...overrides,
  });
  const countByEmployeeNo = async (employeeNo: string) =>
    (await t.db.select().from(people).where(eq(people.employeeNo, employeeNo))).length;

  it('searches by a substring of the name and of the employee number', async () => {
    const dept = await newDept();
    const tag = `测${nextSeq()}`;
    const a = await createPerson(t.db, t.cipher, dept, { name: `欧阳${tag}甲` });
    const b = await createPerson(t.db, t.cipher, dept, { name: `司马${tag}乙` });
    const c = await createPerson(t.db, t.cipher, dept, { employeeNo: `ZX${nextSeq()}Q` });
    await createPerson(t.db, t.cipher, dept);

    expect(idsOf((await list(hr, `q=${encodeURIComponent(tag)}`)).items)).toEqual(idsOf([a, b]));
    expect(idsOf((await list(hr, `q=${encodeURIComponent(`欧阳${tag}`)}`)).items)).toEqual([a.id]);
    expect(idsOf((await list(hr, `q=${c.employeeNo.slice(1, -1)}`)).items)).toEqual([c.id]);
    expect(idsOf((await list(hr, `q=${c.employeeNo.toLowerCase()}`)).items)).toEqual([c.id]);
    // LIKE wildcards in the search are taken literally.
    expect((await list(hr, `unitId=${dept.id}&q=%25`)).total).toBe(0);
    expect((await list(hr, `unitId=${dept.id}&q=_`)).total).toBe(0);
  });

  it('finds people by one or two characters (a surname, a given name, two letters of a number)', async () => {
    const dept = await newDept();
    const a = await createPerson(t.db, t.cipher, dept, { name: '龚明' });
    const b = await createPerson(t.db, t.cipher, dept, { name: '龚晓' });
    const c = await createPerson(t.db, t.cipher, dept, { name: '明龚', employeeNo: `KQ${nextSeq()}` });
    await createPerson(t.db, t.cipher, dept, { name: '孔明' });
    const inDept = (q: string) => list(hr, `unitId=${dept.id}&q=${encodeURIComponent(q)}`);
    expect(idsOf((await inDept('龚')).items).sort()).toEqual(idsOf([a, b, c]).sort());
    // The characters must also stand together and in order: 明龚 is not 龚明.
    expect(idsOf((await inDept('龚明')).items)).toEqual([a.id]);
    expect(idsOf((await inDept('kq')).items)).toEqual([c.id]);
    expect((await inDept('龘')).total).toBe(0);
  });

  it('filters by unit subtree', async () => {
    const dept = await newDept();
    const team = await createUnit(t.db, { parent: dept, type: 'team' });
    const sibling = await newDept();
    const inDept = await createPerson(t.db, t.cipher, dept);
    const inTeam = await createPerson(t.db, t.cipher, team);
    const inSibling = await createPerson(t.db, t.cipher, sibling);
    expect(idsOf((await list(hr, `unitId=${dept.id}`)).items)).toEqual(idsOf([inDept, inTeam]));
    expect(idsOf((await list(hr, `unitId=${team.id}`)).items)).toEqual([inTeam.id]);
    const wide = idsOf((await list(hr, `unitId=${county.id}&pageSize=200`)).items);
    expect(wide).toEqual(expect.arrayContaining([inDept.id, inTeam.id, inSibling.id]));
  });

  it('filters by gender, education, political status and status', async () => {
    const dept = await newDept();
    const woman = await createPerson(t.db, t.cipher, dept, {
      gender: '女',
      fullTimeEducation: '硕士研究生',
      politicalStatus: '中共党员',
    });
    const man = await createPerson(t.db, t.cipher, dept, {
      gender: '男',
      fullTimeEducation: '大学本科',
      politicalStatus: '群众',
    });
    const leaver = await createPerson(t.db, t.cipher, dept, {
      gender: '男',
      fullTimeEducation: '大学本科',
      politicalStatus: '群众',
      active: false,
    });
    const u = `unitId=${dept.id}`;
    expect(idsOf((await list(hr, `${u}&gender=${encodeURIComponent('女')}`)).items)).toEqual([woman.id]);
    expect(idsOf((await list(hr, `${u}&gender=${encodeURIComponent('男')}`)).items)).toEqual([man.id]);
    expect(idsOf((await list(hr, `${u}&education=${encodeURIComponent('硕士研究生')}`)).items)).toEqual([
      woman.id,
    ]);
    expect(idsOf((await list(hr, `${u}&politicalStatus=${encodeURIComponent('群众')}`)).items)).toEqual([
      man.id,
    ]);
    expect(idsOf((await list(hr, u)).items)).toEqual(idsOf([woman, man]));
    expect(idsOf((await list(hr, `${u}&status=inactive`)).items)).toEqual([leaver.id]);
    expect(idsOf((await list(hr, `${u}&status=all`)).items)).toEqual(idsOf([woman, man, leaver]));
    const bad = await hr.get(`/api/people?${u}&gender=X`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
  });

  it('sorts by name descending', async () => {
    const dept = await newDept();
    const prefix = `排序${nextSeq()}-`;
    for (const suffix of ['b', 'd', 'a', 'c'])
      await createPerson(t.db, t.cipher, dept, { name: `${prefix}${suffix}` });
    const desc = await list(hr, `unitId=${dept.id}&sort=name&order=desc`);
    expect(desc.items.map((p) => p.name)).toEqual(['d', 'c', 'b', 'a'].map((s) => `${prefix}${s}`));
    const asc = await list(hr, `unitId=${dept.id}&sort=name&order=asc`);
    expect(asc.items.map((p) => p.name)).toEqual(['a', 'b', 'c', 'd'].map((s) => `${prefix}${s}`));
  });

  it('pages with a total, and answers an empty page beyond the end', async () => {
    const dept = await newDept();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createPerson(t.db, t.cipher, dept));
    const pages = [];
    for (const page of [1, 2, 3]) pages.push(await list(hr, `unitId=${dept.id}&pageSize=2&page=${page}`));
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages.every((p) => p.total === 5 && p.pageSize === 2)).toBe(true);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(idsOf(pages.flatMap((p) => p.items))).toEqual(idsOf(made));
    const beyond = await list(hr, `unitId=${dept.id}&pageSize=2&page=4`);
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(5);
    expect((await hr.get(`/api/people?unitId=${dept.id}&pageSize=201`)).statusCode).toBe(400);
    expect((await hr.get(`/api/people?unitId=${dept.id}&page=0`)).statusCode).toBe(400);
  });

  it('hides people outside the scope: absent from the list, 404 on detail, photo, ID number and the unit filter', async () => {
    const outsideDept = await newDept(otherCounty);
    const tag = `隐${nextSeq()}`;
    const outsider = await createPerson(t.db, t.cipher, outsideDept, { name: `外人${tag}` });
    expect((await list(hr, `q=${encodeURIComponent(tag)}`)).total).toBe(0);
    expect((await list(hr, 'pageSize=200&status=all')).items.map((i) => i.id)).not.toContain(outsider.id);
    for (const url of [
      `/api/people/${outsider.id}`,
      `/api/people/${outsider.id}/id-number`,
      `/api/people/${outsider.id}/photo`,
      `/api/people?unitId=${outsideDept.id}`,
    ]) {
      const res = await hr.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await hr.get(`/api/people/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it('creates a person and rejects invalid input field by field, writing nothing', async () => {
    const dept = await newDept();
    const ok = await hr.post(
      '/api/people',
      personBody(dept, { idNumber: buildIdNumber('1990-01-15', false) }),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      unitId: dept.id,
      unitName: dept.name,
      version: 1,
      active: true,
      actions: { edit: true, viewIdNumber: true },
    });
    const existingNo = ok.json().employeeNo as string;

    const valid = buildIdNumber('1985-03-12');
    const badCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const cases: [Record<string, unknown>, string][] = [
      [{ idNumber: badCheck }, 'idNumber'],
      [{ idNumber: '33010219850312' }, 'idNumber'],
      [{ employeeNo: existingNo }, 'employeeNo'],
      [{ employeeNo: '工号 1' }, 'employeeNo'],
      [{ birthDate: future }, 'birthDate'],
      [{ birthDate: '1990-02-30' }, 'birthDate'],
      [{ workStartDate: '1980-01-01' }, 'workStartDate'],
      [{ name: '名'.repeat(51) }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ gender: 'M' }, 'gender'],
      [{ phone: 'call me' }, 'phone'],
    ];
    for (const [overrides, field] of cases) {
      const body = personBody(dept, overrides);
      const res = await hr.post('/api/people', body);
      expect(res.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(
        res.json().error.details.fields.map((f: { path: string }) => f.path),
        JSON.stringify(overrides),
      ).toContain(field);
      if (body.employeeNo !== existingNo) expect(await countByEmployeeNo(body.employeeNo as string)).toBe(0);
    }
    expect(await countByEmployeeNo(existingNo)).toBe(1);

    // The same ID number as someone else.
    const idNumber = buildIdNumber('1980-06-01');
    await createPerson(t.db, t.cipher, dept, { idNumber });
    const dupId = await hr.post('/api/people', personBody(dept, { idNumber }));
    expect(dupId.statusCode).toBe(400);
    expect(dupId.json().error.details.fields[0].path).toBe('idNumber');

    // An unknown unit, and a unit outside the caller's scope, read as missing.
    for (const unitId of [crypto.randomUUID(), otherCounty.id]) {
      const body = personBody(dept, { unitId });
      const res = await hr.post('/api/people', body);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
      expect(await countByEmployeeNo(body.employeeNo as string)).toBe(0);
    }
  });

  it('encrypts the ID number at rest and shows it only masked in the list, the detail and the audit log', async () => {
    const dept = await newDept();
    const idNumber = buildIdNumber('1987-11-23', false);
    const created = await hr.post('/api/people', personBody(dept, { idNumber }));
    expect(created.statusCode).toBe(200);
    const id = created.json().id as string;
    const [raw] = await t.database.query<{
      id_number_cipher: string;
      id_number_masked: string;
      id_number_hash: string;
    }>('SELECT id_number_cipher, id_number_masked, id_number_hash FROM people WHERE id = $1', [id]);
    expect(raw.id_number_cipher).toBeTruthy();
    expect(raw.id_number_cipher).not.toContain(idNumber);
    expect(raw.id_number_cipher).not.toContain(idNumber.slice(6, 14));
    expect(raw.id_number_hash).not.toContain(idNumber);
    expect(raw.id_number_masked).toBe(`${idNumber.slice(0, 4)}${'*'.repeat(10)}${idNumber.slice(-4)}`);
    expect(t.cipher.decrypt(raw.id_number_cipher)).toBe(idNumber);

    expect(created.body).not.toContain(idNumber);
    expect(created.json().idNumberMasked).toBe(maskIdNumber(idNumber));
    const listed = await hr.get(`/api/people?unitId=${dept.id}`);
    expect(listed.body).not.toContain(idNumber);
    expect(listed.json().items[0].idNumberMasked).toBe(maskIdNumber(idNumber));
    const detail = await hr.get(`/api/people/${id}`);
    expect(detail.body).not.toContain(idNumber);
    expect(detail.json().idNumberMasked).toBe(maskIdNumber(idNumber));
    expect(detail.json()).not.toHaveProperty('idNumber');
    expect(detail.headers['cache-control']).toBe('no-store');
    const audits = await t.database.query<{ text: string }>(
      'SELECT row_to_json(a)::text AS text FROM audit_log a WHERE entity_id = $1',
      [id],
    );
    expect(audits.length).toBeGreaterThan(0);
    for (const a of audits) expect(a.text).not.toContain(idNumber);
  });

  it('shows the full ID number to an hr_admin, audited, and answers 404 to a role without the permission', async () => {
    const dept = await newDept();
    const idNumber = buildIdNumber('1979-02-28');
    const person = await createPerson(t.db, t.cipher, dept, { idNumber });
    const viewed = () =>
      t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, person.id), eq(auditLog.action, 'person.id_number_viewed')));

    // leadership may read the person (in scope) but not the full ID number.
    expect((await leader.get(`/api/people/${person.id}`)).statusCode).toBe(200);
    expect((await leader.get(`/api/people/${person.id}`)).json().actions.viewIdNumber).toBe(false);
    const refused = await leader.get(`/api/people/${person.id}/id-number`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain(idNumber);
    expect(await viewed()).toHaveLength(0);

    const res = await hr.get(`/api/people/${person.id}/id-number`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ idNumber });
    expect(res.headers['cache-control']).toBe('no-store');
    const entries = await viewed();
    expect(entries).toHaveLength(1);
    expect(entries[0].actorUserId).toBeTruthy();
    expect(JSON.stringify(entries[0])).not.toContain(idNumber);
  });

  it('edits with the current version and refuses a stale one with 409', async () => {
    const dept = await newDept();
    const person = await createPerson(t.db, t.cipher, dept, { name: '原名' });
    const ok = await hr.patch(`/api/people/${person.id}`, {
      version: person.version,
      name: '改名',
      phone: '13900001111',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: '改名', phone: '13900001111', version: person.version + 1 });

    const stale = await hr.patch(`/api/people/${person.id}`, { version: person.version, name: '覆盖' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
    const [row] = await t.db.select().from(people).where(eq(people.id, person.id));
    expect(row).toMatchObject({ name: '改名', version: person.version + 1 });
    const updates = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, person.id), eq(auditLog.action, 'person.updated')));
    expect(updates).toHaveLength(1);
    expect(updates[0].before).toMatchObject({ name: '原名' });
    expect(updates[0].after).toMatchObject({ name: '改名' });
  });

  it('a partial edit leaves the fields it does not send unchanged', async () => {
    const dept = await newDept();
    const resume = [{ from: '2008-07', to: null, text: '某单位工作' }];
    const assessments = [{ year: 2024, grade: '优秀' }];
    const person = await createPerson(t.db, t.cipher, dept, {
      isMiddleManager: true,
      resume,
      assessments,
      ethnicity: '汉族',
    });
    const res = await hr.patch(`/api/people/${person.id}`, { version: person.version, name: '只改名字' });
    expect(res.statusCode).toBe(200);
    const [row] = await t.db.select().from(people).where(eq(people.id, person.id));
    expect(row.ethnicity).toBe('汉族');
    expect(row.isMiddleManager).toBe(true);
    expect(row.resume).toEqual(resume);
    expect(row.assessments).toEqual(assessments);
  });

  it('refuses to move a person to a unit outside the write scope (404), and allows a move inside it', async () => {
    const dept = await newDept();
    const person = await createPerson(t.db, t.cipher, dept);
    const outside = await newDept(otherCounty);
    const res = await hr.patch(`/api/people/${person.id}`, { version: person.version, unitId: outside.id });
    expect(res.statusCode).toBe(404);
    const [row] = await t.db.select().from(people).where(eq(people.id, person.id));
    expect(row).toMatchObject({ unitId: dept.id, version: person.version });

    // The parent city branch is readable by nobody here, but writing there is what matters.
    const toCity = await hr.patch(`/api/people/${person.id}`, { version: person.version, unitId: city.id });
    expect(toCity.statusCode).toBe(404);

    const inside = await newDept();
    const moved = await hr.patch(`/api/people/${person.id}`, { version: person.version, unitId: inside.id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ unitId: inside.id, unitName: inside.name });

    // A read-only role cannot edit at all, even in scope.
    const byLeader = await leader.patch(`/api/people/${person.id}`, {
      version: moved.json().version,
      name: '领导改',
    });
    expect(byLeader.statusCode).toBe(404);
  });

  it('ignores mass-assigned fields: cipher, hash, mask, orgUnitId, id and version bookkeeping stay intact', async () => {
    const dept = await newDept();
    const person = await createPerson(t.db, t.cipher, dept);
    const outside = await newDept(otherCounty);
    const res = await hr.patch(`/api/people/${person.id}`, {
      version: person.version,
      name: '批量赋值',
      idNumberCipher: 'v1.forged.forged.forged',
      idNumberHash: 'forged',
      idNumberMasked: '0000**********0000',
      orgUnitId: outside.id,
      unit_id: outside.id,
      id: crypto.randomUUID(),
      createdAt: '2000-01-01T00:00:00Z',
      hasPhoto: true,
    });
    expect([200, 400]).toContain(res.statusCode);
    const [row] = await t.db.select().from(people).where(eq(people.id, person.id));
    expect(row.idNumberCipher).toBe(person.idNumberCipher);
    expect(row.idNumberHash).toBe(person.idNumberHash);
    expect(row.idNumberMasked).toBe(person.idNumberMasked);
    expect(row.unitId).toBe(dept.id);
    expect(row.createdAt.getTime()).toBe(person.createdAt.getTime());
    expect((await hr.get(`/api/people/${person.id}`)).json().hasPhoto).toBe(false);
  });

  it('stores a PNG or JPEG photo recognised by content and serves it back with its type', async () => {
    const dept = await newDept();
    const person = await createPerson(t.db, t.cipher, dept);
    expect((await hr.get(`/api/people/${person.id}/photo`)).statusCode).toBe(404);

    const up = await hr.upload(`/api/people/${person.id}/photo`, PNG, 'photo.bin', 'PUT');
    expect(up.statusCode, up.body).toBe(200);
    const got = await hr.get(`/api/people/${person.id}/photo`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toMatch(/^image\/png/);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect((await hr.get(`/api/people/${person.id}`)).json().hasPhoto).toBe(true);
    // A read-only role in scope sees the photo too.
    expect((await leader.get(`/api/people/${person.id}/photo`)).statusCode).toBe(200);

    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      Buffer.alloc(64, 7),
      Buffer.from([0xff, 0xd9]),
    ]);
    expect((await hr.upload(`/api/people/${person.id}/photo`, jpeg, 'photo.jpg', 'PUT')).statusCode).toBe(
      200,
    );
    const gotJpeg = await hr.get(`/api/people/${person.id}/photo`);
    expect(gotJpeg.headers['content-type']).toMatch(/^image\/jpeg/);
    expect(gotJpeg.rawPayload.equals(jpeg)).toBe(true);
  });

  it('refuses a text file named .png and a photo over 2 MB, keeping the old photo', async () => {
    const dept = await newDept();
    const person = await createPerson(t.db, t.cipher, dept);
    expect((await hr.upload(`/api/people/${person.id}/photo`, PNG, 'a.png', 'PUT')).statusCode).toBe(200);

    const text = await hr.upload(
      `/api/people/${person.id}/photo`,
      Buffer.from('hello, this is not an image'),
      'evil.png',
      'PUT',
    );
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe('invalid_file');

    const big = Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(2 * 1024 * 1024 + 1 - 8)]);
    const tooBig = await hr.upload(`/api/people/${person.id}/photo`, big, 'big.png', 'PUT');
    expect(tooBig.statusCode).toBeGreaterThanOrEqual(400);
    expect(tooBig.statusCode).toBeLessThan(500);
    expect(tooBig.json().error.code).toBe('file_too_large');

    const empty = await hr.upload(`/api/people/${person.id}/photo`, Buffer.alloc(0), 'empty.png', 'PUT');
    expect(empty.statusCode).toBe(400);

    expect((await hr.get(`/api/people/${person.id}/photo`)).rawPayload.equals(PNG)).toBe(true);

    const outsider = await createPerson(t.db, t.cipher, await newDept(otherCounty));
    expect((await hr.upload(`/api/people/${outsider.id}/photo`, PNG, 'a.png', 'PUT')).statusCode).toBe(404);
    expect((await leader.upload(`/api/people/${person.id}/photo`, PNG, 'a.png', 'PUT')).statusCode).toBe(404);
  });

  it('refuses to create or move a person into a deactivated unit', async () => {
    const closed = await createUnit(t.db, { parent: county, type: 'department', active: false });
    const body = personBody(closed);
    const created = await hr.post('/api/people', body);
    expect(created.statusCode).toBeGreaterThanOrEqual(400);
    expect(created.statusCode).toBeLessThan(500);
    expect(await countByEmployeeNo(body.employeeNo as string)).toBe(0);

    const person = await createPerson(t.db, t.cipher, await newDept());
    const moved = await hr.patch(`/api/people/${person.id}`, { version: person.version, unitId: closed.id });
    expect(moved.statusCode).toBeGreaterThanOrEqual(400);
    expect(moved.statusCode).toBeLessThan(500);
    const [row] = await t.db.select().from(people).where(eq(people.id, person.id));
    expect(row.unitId).toBe(person.unitId);
  });
});
