import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUnit, createUser, nextSeq, reloadUnit } from '../../../../test/factories.js';
import { buildTestApp, type TestApp, type TestClient } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import { auditLog } from '../../platform/audit.table.js';
import { people } from '../people/people.table.js';

type UnitRow = Awaited<ReturnType<typeof createUnit>>;
type UnitJson = {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  depth: number;
  active: boolean;
  version: number;
};

describe.each(dbKinds())('units API on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  /** A city branch with two county branches; the hr_admin below is granted on `county` only. */
  let city: UnitRow;
  let county: UnitRow;
  let otherCounty: UnitRow;
  let hr: TestClient;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    city = await createUnit(t.db, { type: 'city_branch' });
    county = await createUnit(t.db, { parent: city, type: 'county_branch' });
    otherCounty = await createUnit(t.db, { parent: city, type: 'county_branch' });
    const sysadmin = await createUser(t.db, { grants: [{ role: 'system_admin', unit: city }] });
    admin = await t.login(sysadmin.username);
    const hrUser = await createUser(t.db, { grants: [{ role: 'hr_admin', unit: county }] });
    hr = await t.login(hrUser.username);
  });
  afterAll(() => t.close());

  const auditOf = (entityId: string) => t.db.select().from(auditLog).where(eq(auditLog.entityId, entityId));

  it('lists only the granted subtree for an hr_admin and every unit for a system_admin', async () => {
    const dept = await createUnit(t.db, { parent: county, type: 'department' });
    const team = await createUnit(t.db, { parent: dept, type: 'team' });
    const elsewhere = await createUnit(t.db, { parent: otherCounty, type: 'department' });
    const otherRoot = await createUnit(t.db, { type: 'company' });

    const scoped = await hr.get('/api/units');
    expect(scoped.statusCode).toBe(200);
    const scopedIds = (scoped.json() as UnitJson[]).map((u) => u.id);
    expect(scopedIds).toEqual(expect.arrayContaining([county.id, dept.id, team.id]));
    for (const hidden of [city.id, otherCounty.id, elsewhere.id, otherRoot.id])
      expect(scopedIds).not.toContain(hidden);
    // The granted unit's subtree only: every unit listed lies under the county.
    for (const id of scopedIds) expect((await reloadUnit(t.db, id)).path.startsWith(county.path)).toBe(true);
    expect(scoped.json().every((u: { actions: { manage: boolean } }) => u.actions.manage)).toBe(true);

    const all = await admin.get('/api/units');
    const allIds = (all.json() as UnitJson[]).map((u) => u.id);
    expect(allIds).toEqual(
      expect.arrayContaining([
        city.id,
        county.id,
        otherCounty.id,
        dept.id,
        team.id,
        elsewhere.id,
        otherRoot.id,
      ]),
    );
  });

  it('creates a unit under a parent in scope', async () => {
    const code = `Dept-${nextSeq()}`;
    const res = await hr.post('/api/units', {
      parentId: county.id,
      code,
      name: '市场部',
      type: 'department',
    });
    expect(res.statusCode).toBe(200);
    const created = res.json() as UnitJson;
    expect(created).toMatchObject({
      parentId: county.id,
      code,
      name: '市场部',
      depth: county.depth + 1,
      active: true,
      version: 1,
    });
    const row = await reloadUnit(t.db, created.id);
    expect(row.path).toBe(`${county.path}${created.id}/`);
    const detail = await hr.get(`/api/units/${created.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().path.map((p: { id: string }) => p.id)).toEqual([county.id, created.id]);
  });

  it('refuses bad code characters and duplicate codes (case-insensitively) on the code field', async () => {
    for (const code of ['有中文', 'a b', 'x/y', '', 'a'.repeat(33)]) {
      const res = await hr.post('/api/units', {
        parentId: county.id,
        code,
        name: '坏编码',
        type: 'department',
      });
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('code');
    }
    const existing = await createUnit(t.db, { parent: county, code: `AbCd${nextSeq()}` });
    const dup = await hr.post('/api/units', {
      parentId: county.id,
      code: existing.code.toLowerCase(),
      name: '重复',
      type: 'department',
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details.fields[0].path).toBe('code');
    // Renaming another unit to the taken code is refused the same way.
    const other = await createUnit(t.db, { parent: county });
    const rename = await hr.patch(`/api/units/${other.id}`, {
      version: other.version,
      code: existing.code.toUpperCase(),
    });
    expect(rename.statusCode).toBe(400);
    expect(rename.json().error.details.fields[0].path).toBe('code');
    expect((await reloadUnit(t.db, other.id)).code).toBe(other.code);
    const named = await t.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM org_units WHERE name IN ('坏编码', '重复')",
    );
    expect(named[0].n).toBe(0);
  });

  it('lets only a system administrator create a root unit', async () => {
    const code = `ROOT${nextSeq()}`;
    const refused = await hr.post('/api/units', { parentId: null, code, name: '新公司', type: 'company' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    expect(await t.database.query('SELECT id FROM org_units WHERE code = $1', [code])).toHaveLength(0);

    const ok = await admin.post('/api/units', { parentId: null, code, name: '新公司', type: 'company' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ parentId: null, depth: 0 });
  });

  it('renames with the current version and refuses a stale version with 409', async () => {
    const unit = await createUnit(t.db, { parent: county, name: '旧名称' });
    const renamed = await hr.patch(`/api/units/${unit.id}`, { version: unit.version, name: '新名称' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '新名称', version: unit.version + 1 });

    const stale = await hr.patch(`/api/units/${unit.id}`, { version: unit.version, name: '被覆盖' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
    expect(stale.json().error.message).toBeTruthy();
    const row = await reloadUnit(t.db, unit.id);
    expect(row.name).toBe('新名称');
    expect(row.version).toBe(unit.version + 1);
  });

  it('moves a unit with its subtree: children paths, depths and people filters follow', async () => {
    const from = await createUnit(t.db, { parent: county, type: 'department' });
    const to = await createUnit(t.db, { parent: county, type: 'department' });
    const moving = await createUnit(t.db, { parent: from, type: 'team' });
    const child = await createUnit(t.db, { parent: moving, type: 'team' });
    const grandchild = await createUnit(t.db, { parent: child, type: 'other' });
    const person = await createPerson(t.db, t.cipher, grandchild);

    const res = await hr.post(`/api/units/${moving.id}/move`, { version: moving.version, parentId: to.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ parentId: to.id, depth: to.depth + 1 });

    const units = new Map(((await hr.get('/api/units')).json() as UnitJson[]).map((u) => [u.id, u]));
    expect(units.get(moving.id)).toMatchObject({ parentId: to.id, depth: to.depth + 1 });
    expect(units.get(child.id)).toMatchObject({ parentId: moving.id, depth: to.depth + 2 });
    expect(units.get(grandchild.id)).toMatchObject({ parentId: child.id, depth: to.depth + 3 });
    expect((await reloadUnit(t.db, grandchild.id)).path).toBe(
      `${to.path}${moving.id}/${child.id}/${grandchild.id}/`,
    );

    const ids = async (unitId: string) =>
      ((await hr.get(`/api/people?unitId=${unitId}&pageSize=200`)).json().items as { id: string }[]).map(
        (p) => p.id,
      );
    expect(await ids(to.id)).toContain(person.id);
    expect(await ids(moving.id)).toContain(person.id);
    expect(await ids(from.id)).not.toContain(person.id);

    const detail = await hr.get(`/api/units/${grandchild.id}`);
    expect(detail.json().path.map((p: { id: string }) => p.id)).toEqual([
      county.id,
      to.id,
      moving.id,
      child.id,
      grandchild.id,
    ]);
  });

  it('takes a moved subtree out of the scope of an hr_admin granted on the old branch', async () => {
    const dept = await createUnit(t.db, { parent: county, type: 'department' });
    const team = await createUnit(t.db, { parent: dept, type: 'team' });
    const person = await createPerson(t.db, t.cipher, team);
    const res = await admin.post(`/api/units/${dept.id}/move`, {
      version: dept.version,
      parentId: otherCounty.id,
    });
    expect(res.statusCode).toBe(200);
    expect((await hr.get(`/api/units/${team.id}`)).statusCode).toBe(404);
    expect((await hr.get(`/api/people/${person.id}`)).statusCode).toBe(404);
    expect(((await hr.get('/api/units')).json() as UnitJson[]).map((u) => u.id)).not.toContain(team.id);
  });

  it('refuses to move a unit under itself or its own descendant (400 cycle)', async () => {
    const top = await createUnit(t.db, { parent: county, type: 'department' });
    const mid = await createUnit(t.db, { parent: top, type: 'team' });
    const leaf = await createUnit(t.db, { parent: mid, type: 'team' });
    for (const target of [leaf, mid, top]) {
      const res = await hr.post(`/api/units/${top.id}/move`, { version: top.version, parentId: target.id });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('cycle');
    }
    const after = await reloadUnit(t.db, top.id);
    expect(after).toMatchObject({ parentId: county.id, path: top.path, version: top.version });
    expect((await reloadUnit(t.db, leaf.id)).path).toBe(leaf.path);
  });

  it('refuses to deactivate a unit with active people or active children, and allows it when empty', async () => {
    const withPerson = await createUnit(t.db, { parent: county, type: 'department' });
    await createPerson(t.db, t.cipher, withPerson);
    const res1 = await hr.post(`/api/units/${withPerson.id}/deactivate`, { version: withPerson.version });
    expect(res1.statusCode).toBe(409);
    expect(res1.json().error.code).toBe('in_use');
    expect(res1.json().error.details).toMatchObject({ people: 1, children: 0 });

    const withChild = await createUnit(t.db, { parent: county, type: 'department' });
    await createUnit(t.db, { parent: withChild, type: 'team' });
    const res2 = await hr.post(`/api/units/${withChild.id}/deactivate`, { version: withChild.version });
    expect(res2.statusCode).toBe(409);
    expect(res2.json().error.code).toBe('in_use');
    expect(res2.json().error.details).toMatchObject({ people: 0, children: 1 });
    expect((await reloadUnit(t.db, withPerson.id)).active).toBe(true);
    expect((await reloadUnit(t.db, withChild.id)).active).toBe(true);

    // A person who has left (inactive) does not keep the unit open.
    const empty = await createUnit(t.db, { parent: county, type: 'department' });
    await createPerson(t.db, t.cipher, empty, { active: false });
    const ok = await hr.post(`/api/units/${empty.id}/deactivate`, { version: empty.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().active).toBe(false);
    expect(((await hr.get('/api/units')).json() as UnitJson[]).map((u) => u.id)).not.toContain(empty.id);
    const withInactive = (await hr.get('/api/units?includeInactive=true')).json() as UnitJson[];
    expect(withInactive.find((u) => u.id === empty.id)?.active).toBe(false);
  });

  it('sets the head and deputies, refusing a head who is also a deputy and unknown or out-of-scope people', async () => {
    const unit = await createUnit(t.db, { parent: county, type: 'department' });
    const head = await createPerson(t.db, t.cipher, unit);
    const deputy1 = await createPerson(t.db, t.cipher, unit);
    const deputy2 = await createPerson(t.db, t.cipher, unit);
    const outsider = await createPerson(t.db, t.cipher, otherCounty);
    const leaver = await createPerson(t.db, t.cipher, unit, { active: false });

    const ok = await hr.put(`/api/units/${unit.id}/leaders`, {
      version: unit.version,
      headPersonId: head.id,
      deputyPersonIds: [deputy1.id, deputy2.id],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().head).toMatchObject({ personId: head.id, name: head.name, employeeNo: head.employeeNo });
    expect(ok.json().deputies.map((d: { personId: string }) => d.personId)).toEqual([deputy1.id, deputy2.id]);
    let version = ok.json().version as number;

    const bad = async (body: { headPersonId: string | null; deputyPersonIds: string[] }, path: string) => {
      const res = await hr.put(`/api/units/${unit.id}/leaders`, { version, ...body });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(path);
    };
    await bad({ headPersonId: head.id, deputyPersonIds: [head.id] }, 'deputyPersonIds');
    await bad({ headPersonId: crypto.randomUUID(), deputyPersonIds: [] }, 'headPersonId');
    await bad({ headPersonId: head.id, deputyPersonIds: [crypto.randomUUID()] }, 'deputyPersonIds');
    await bad({ headPersonId: outsider.id, deputyPersonIds: [] }, 'headPersonId');
    await bad({ headPersonId: head.id, deputyPersonIds: [outsider.id] }, 'deputyPersonIds');
    await bad({ headPersonId: leaver.id, deputyPersonIds: [] }, 'headPersonId');

    const detail = (await hr.get(`/api/units/${unit.id}`)).json();
    expect(detail.head.personId).toBe(head.id);
    expect(detail.deputies.map((d: { personId: string }) => d.personId)).toEqual([deputy1.id, deputy2.id]);
    expect(detail.version).toBe(version);

    // Clearing the head and replacing the deputies.
    const cleared = await hr.put(`/api/units/${unit.id}/leaders`, {
      version,
      headPersonId: null,
      deputyPersonIds: [deputy2.id],
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().head).toBeNull();
    expect(cleared.json().deputies.map((d: { personId: string }) => d.personId)).toEqual([deputy2.id]);
    version = cleared.json().version;
    const stale = await hr.put(`/api/units/${unit.id}/leaders`, {
      version: version - 1,
      headPersonId: head.id,
      deputyPersonIds: [],
    });
    expect(stale.statusCode).toBe(409);
  });

  it('answers 404 for units outside the scope (GET, PATCH, move, deactivate, leaders) and changes nothing', async () => {
    const outside = await createUnit(t.db, { parent: otherCounty, type: 'department' });
    const inside = await createUnit(t.db, { parent: county, type: 'department' });
    const missing = crypto.randomUUID();
    const responses = [
      await hr.get(`/api/units/${outside.id}`),
      await hr.patch(`/api/units/${outside.id}`, { version: outside.version, name: '越权' }),
      await hr.post(`/api/units/${outside.id}/move`, { version: outside.version, parentId: inside.id }),
      // Moving an in-scope unit under an out-of-scope parent is refused the same way.
      await hr.post(`/api/units/${inside.id}/move`, { version: inside.version, parentId: outside.id }),
      await hr.post(`/api/units/${outside.id}/deactivate`, { version: outside.version }),
      await hr.put(`/api/units/${outside.id}/leaders`, {
        version: outside.version,
        headPersonId: null,
        deputyPersonIds: [],
      }),
      await hr.get(`/api/units/${missing}`),
      await hr.patch(`/api/units/${missing}`, { version: 1, name: '不存在' }),
    ];
    for (const res of responses) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect(await reloadUnit(t.db, outside.id)).toMatchObject({
      name: outside.name,
      version: outside.version,
      path: outside.path,
      active: true,
    });
    expect(await reloadUnit(t.db, inside.id)).toMatchObject({ path: inside.path, version: inside.version });
    // An id that is not a UUID is a validation error, not a crash.
    expect((await hr.get('/api/units/not-a-uuid')).statusCode).toBe(400);
  });

  it('records every write in the audit log with who, before and after', async () => {
    const code = `AUD${nextSeq()}`;
    const created = (
      await hr.post('/api/units', { parentId: county.id, code, name: '审计部', type: 'department' })
    ).json() as UnitJson;
    const renamed = (
      await hr.patch(`/api/units/${created.id}`, { version: created.version, name: '审计二部' })
    ).json() as UnitJson;
    const target = await createUnit(t.db, { parent: county, type: 'department' });
    const moved = (
      await hr.post(`/api/units/${created.id}/move`, { version: renamed.version, parentId: target.id })
    ).json() as UnitJson;
    const person = await createPerson(t.db, t.cipher, target);
    const led = (
      await hr.put(`/api/units/${created.id}/leaders`, {
        version: moved.version,
        headPersonId: person.id,
        deputyPersonIds: [],
      })
    ).json();
    const off = await hr.post(`/api/units/${created.id}/deactivate`, { version: led.version });
    expect(off.statusCode).toBe(200);

    const rows = await auditOf(created.id);
    const byAction = new Map(rows.map((r) => [r.action, r]));
    expect([...byAction.keys()].sort()).toEqual([
      'unit.created',
      'unit.deactivated',
      'unit.leaders_set',
      'unit.moved',
      'unit.updated',
    ]);
    for (const row of rows) {
      expect(row.actorUserId).toBeTruthy();
      expect(row.entityType).toBe('unit');
      expect(row.unitPath?.startsWith(county.path)).toBe(true);
    }
    expect(byAction.get('unit.created')!.after).toMatchObject({ code, name: '审计部' });
    expect(byAction.get('unit.updated')!.before).toMatchObject({ name: '审计部' });
    expect(byAction.get('unit.updated')!.after).toMatchObject({ name: '审计二部' });
    expect(byAction.get('unit.moved')!.before).toEqual({ parentId: county.id });
    expect(byAction.get('unit.moved')!.after).toEqual({ parentId: target.id });
    expect(byAction.get('unit.leaders_set')!.after).toMatchObject({
      headPersonId: person.id,
      deputyPersonIds: [],
    });
    expect(byAction.get('unit.deactivated')!.before).toEqual({ active: true });
    expect(byAction.get('unit.deactivated')!.after).toEqual({ active: false });

    // A refused write leaves no audit entry.
    const before = rows.length;
    await hr.patch(`/api/units/${created.id}`, { version: 1, name: '过期' });
    expect(await auditOf(created.id)).toHaveLength(before);
  });

  it('has an append-only audit table: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const unit = await createUnit(t.db, { parent: county });
    await hr.patch(`/api/units/${unit.id}`, { version: unit.version, name: `改名${nextSeq()}` });
    const [entry] = await auditOf(unit.id);
    expect(entry).toBeDefined();
    await expect(
      t.database.query("UPDATE audit_log SET summary = 'tampered' WHERE id = $1", [entry.id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.database.query('DELETE FROM audit_log WHERE id = $1', [entry.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const [still] = await t.db.select().from(auditLog).where(eq(auditLog.id, entry.id));
    expect(still.summary).toBe(entry.summary);
  });

  it('keeps the people of a moved unit attached to it', async () => {
    const dept = await createUnit(t.db, { parent: county, type: 'department' });
    const person = await createPerson(t.db, t.cipher, dept);
    const target = await createUnit(t.db, { parent: county, type: 'department' });
    expect(
      (await hr.post(`/api/units/${dept.id}/move`, { version: dept.version, parentId: target.id }))
        .statusCode,
    ).toBe(200);
    const [row] = await t.db.select().from(people).where(eq(people.id, person.id));
    expect(row.unitId).toBe(dept.id);
  });

  it('refuses a stale version on move and deactivate, and an inactive parent on create, move and reactivate', async () => {
    const unit = await createUnit(t.db, { parent: county, type: 'department' });
    const target = await createUnit(t.db, { parent: county, type: 'department' });
    const stale = unit.version - 1;
    expect(
      (await hr.post(`/api/units/${unit.id}/move`, { version: stale, parentId: target.id })).json().error
        .code,
    ).toBe('conflict');
    expect((await hr.post(`/api/units/${unit.id}/deactivate`, { version: stale })).statusCode).toBe(409);
    expect(await reloadUnit(t.db, unit.id)).toMatchObject({
      parentId: county.id,
      active: true,
      version: unit.version,
    });

    const closed = await createUnit(t.db, { parent: county, type: 'department', active: false });
    const create = await hr.post('/api/units', {
      parentId: closed.id,
      code: `CL${nextSeq()}`,
      name: '停用下新建',
      type: 'team',
    });
    expect(create.statusCode).toBe(400);
    expect(create.json().error.details.fields[0].path).toBe('parentId');
    const move = await hr.post(`/api/units/${unit.id}/move`, { version: unit.version, parentId: closed.id });
    expect(move.statusCode).toBe(400);
    expect(move.json().error.details.fields[0].path).toBe('parentId');
    const closedChild = await createUnit(t.db, { parent: closed, type: 'team', active: false });
    const reopen = await hr.post(`/api/units/${closedChild.id}/activate`, { version: closedChild.version });
    expect(reopen.statusCode).toBe(400);
    expect((await reloadUnit(t.db, closedChild.id)).active).toBe(false);
    const reopenParent = await hr.post(`/api/units/${closed.id}/activate`, { version: closed.version });
    expect(reopenParent.statusCode).toBe(200);
    expect(reopenParent.json().active).toBe(true);
  });

  it('counts the people of the unit itself and of its whole subtree, active ones only', async () => {
    const dept = await createUnit(t.db, { parent: county, type: 'department' });
    const team = await createUnit(t.db, { parent: dept, type: 'team' });
    await createPerson(t.db, t.cipher, dept);
    await createPerson(t.db, t.cipher, team);
    await createPerson(t.db, t.cipher, team);
    await createPerson(t.db, t.cipher, team, { active: false });
    const detail = (await hr.get(`/api/units/${dept.id}`)).json();
    expect(detail.peopleCount).toBe(1);
    expect(detail.subtreePeopleCount).toBe(3);
    expect(detail.childCount).toBe(1);
  });
});
