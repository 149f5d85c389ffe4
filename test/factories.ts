import { eq } from 'drizzle-orm';
import type { Role } from '../src/core/access/roles.js';
import { idNumberCheckChar } from '../src/core/people/id-number.js';
import { protectIdNumber } from '../src/server/modules/people/people.service.js';
import { people } from '../src/server/modules/people/people.table.js';
import { orgUnits } from '../src/server/modules/units/units.table.js';
import { roleGrants, users } from '../src/server/modules/users/users.table.js';
import { type FieldCipher, hashPassword } from '../src/server/platform/crypto.js';
import type { Db } from '../src/server/platform/db.js';

/** The password of every factory-made user (hashed once: scrypt is slow on purpose). */
export const TEST_PASSWORD = 'Correct-Horse-42';
const testPasswordHash = hashPassword(TEST_PASSWORD);

let sequence = 0;
/** A number unique within the test run, for codes and employee numbers. */
export function nextSeq(): number {
  sequence += 1;
  return sequence;
}

/** A valid 18-character ID number for a birth date, unique per call. */
export function buildIdNumber(birthDate = '1988-05-17', male = true): string {
  const seq = nextSeq() % 500;
  const order = String(seq * 2 + (male ? 1 : 0))
    .padStart(3, '0')
    .slice(-3);
  const first17 = `330102${birthDate.replaceAll('-', '')}${order}`;
  return first17 + idNumberCheckChar(first17);
}

type UnitRow = typeof orgUnits.$inferSelect;

/** Inserts a unit (a root when no parent is given). */
export async function createUnit(
  db: Db,
  overrides: Partial<typeof orgUnits.$inferInsert> & { parent?: UnitRow | null } = {},
): Promise<UnitRow> {
  const { parent, ...rest } = overrides;
  const id = crypto.randomUUID();
  const n = nextSeq();
  const [row] = await db
    .insert(orgUnits)
    .values({
      id,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      code: `U${n}`,
      name: `测试机构${n}`,
      type: parent ? 'department' : 'city_branch',
      ...rest,
    })
    .returning();
  return row;
}

/**
 * A city with two counties, a department in each and a team under county A's department: the
 * shapes anchor counts care about (a root, its children, and units deeper down).
 */
export async function createTwoCountyTree(db: Db) {
  const root = await createUnit(db, { name: '江州市分公司' });
  const countyA = await createUnit(db, { parent: root, name: '青山县分公司', type: 'county_branch' });
  const countyB = await createUnit(db, { parent: root, name: '临江县分公司', type: 'county_branch' });
  const deptA = await createUnit(db, { parent: countyA, name: '青山市场部' });
  return {
    root,
    countyA,
    countyB,
    deptA,
    teamA: await createUnit(db, { parent: deptA, name: '青山一组' }),
    deptB: await createUnit(db, { parent: countyB, name: '临江市场部' }),
  };
}

/** Inserts a person in a unit. */
export async function createPerson(
  db: Db,
  cipher: FieldCipher,
  unit: UnitRow,
  overrides: Partial<typeof people.$inferInsert> & { idNumber?: string | null } = {},
) {
  const { idNumber, ...rest } = overrides;
  const n = nextSeq();
  const [row] = await db
    .insert(people)
    .values({
      employeeNo: `E${String(n).padStart(5, '0')}`,
      name: `测试人员${n}`,
      gender: '男',
      birthDate: '1988-05-17',
      unitId: unit.id,
      ...rest,
      ...protectIdNumber(cipher, idNumber === undefined ? buildIdNumber() : idNumber),
    })
    .returning();
  return row;
}

/** Inserts a user with role grants (password TEST_PASSWORD, no forced change unless asked). */
export async function createUser(
  db: Db,
  options: {
    grants: { role: Role; unit: UnitRow }[];
    personId?: string | null;
    username?: string;
    mustChangePassword?: boolean;
  },
) {
  const n = nextSeq();
  const [user] = await db
    .insert(users)
    .values({
      username: options.username ?? `user${n}`,
      displayName: `用户${n}`,
      personId: options.personId ?? null,
      passwordHash: await testPasswordHash,
      mustChangePassword: options.mustChangePassword ?? false,
    })
    .returning();
  for (const g of options.grants)
    await db.insert(roleGrants).values({ userId: user.id, role: g.role, unitId: g.unit.id });
  return user;
}

/** Reads a unit back. */
export async function reloadUnit(db: Db, id: string): Promise<UnitRow> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.id, id));
  return row;
}
