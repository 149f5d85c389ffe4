import type { z } from 'zod';
import type {
  CreatePersonBody,
  PeopleListQuery,
  PersonDetail,
  UpdatePersonBody,
} from '../../../contracts/people.js';
import { maskIdNumber } from '../../../core/people/id-number.js';
import { assertInScope, assertPermission, inScope, scopePaths } from '../../platform/access.js';
import { changedFields, writeAudit } from '../../platform/audit.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { getUnitRow } from '../units/units.service.js';
import * as repo from './people.repository.js';

type PersonOut = z.infer<typeof PersonDetail>;
type ListQuery = z.infer<typeof PeopleListQuery>;

/** The list filter of a query, scoped to the caller; the unit filter must itself be visible. */
export async function peopleFilterOf(ctx: ServiceContext, query: ListQuery): Promise<repo.PeopleFilter> {
  let subtreePath: string | undefined;
  if (query.unitId) subtreePath = (await getUnitRow(ctx.db, ctx, query.unitId, 'units.read')).path;
  return {
    scopePaths: scopePaths(ctx.actor, 'people.read'),
    subtreePath,
    q: query.q || undefined,
    gender: query.gender,
    politicalStatus: query.politicalStatus,
    education: query.education,
    middleManager: query.middleManager === undefined ? undefined : query.middleManager === 'true',
    status: query.status,
  };
}

/** A page of the people the caller may see. */
export async function listPeople(ctx: ServiceContext, query: ListQuery) {
  assertPermission(ctx.actor, 'people.read');
  const filter = await peopleFilterOf(ctx, query);
  const { items, total, totalCapped } = await repo.listPeople(ctx.db, filter, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
    sort: query.sort,
    order: query.order,
  });
  return { items, total, totalCapped, page: query.page, pageSize: query.pageSize };
}

function present(
  ctx: ServiceContext,
  found: { person: repo.PersonRow; unitPath: string; unitName: string },
  photo: boolean,
): PersonOut {
  const { person } = found;
  return {
    id: person.id,
    employeeNo: person.employeeNo,
    name: person.name,
    gender: person.gender as PersonOut['gender'],
    ethnicity: person.ethnicity,
    birthDate: person.birthDate,
    nativePlace: person.nativePlace,
    politicalStatus: person.politicalStatus,
    partyJoinDate: person.partyJoinDate,
    workStartDate: person.workStartDate,
    fullTimeEducation: person.fullTimeEducation,
    fullTimeDegree: person.fullTimeDegree,
    fullTimeSchool: person.fullTimeSchool,
    fullTimeMajor: person.fullTimeMajor,
    inServiceEducation: person.inServiceEducation,
    inServiceDegree: person.inServiceDegree,
    inServiceSchool: person.inServiceSchool,
    inServiceMajor: person.inServiceMajor,
    professionalTitle: person.professionalTitle,
    currentPost: person.currentPost,
    postSince: person.postSince,
    grade: person.grade,
    isMiddleManager: person.isMiddleManager,
    unitId: person.unitId,
    unitName: found.unitName,
    phone: person.phone,
    idNumberMasked: person.idNumberMasked,
    resume: person.resume,
    rewardsPunishments: person.rewardsPunishments,
    assessments: person.assessments,
    hasPhoto: photo,
    active: person.active,
    version: person.version,
    updatedAt: person.updatedAt.toISOString(),
    actions: {
      edit: inScope(ctx.actor, 'people.write', found.unitPath),
      viewIdNumber: !!person.idNumberCipher && inScope(ctx.actor, 'people.viewIdNumber', found.unitPath),
    },
  };
}

async function loadInScope(
  db: Db,
  ctx: ServiceContext,
  id: string,
  permission: 'people.read' | 'people.write' | 'people.viewIdNumber',
) {
  const found = await repo.findPersonWithUnit(db, id);
  assertInScope(ctx.actor, permission, found?.unitPath);
  return found!;
}

/** One person's registration form. */
export async function getPerson(ctx: ServiceContext, id: string): Promise<PersonOut> {
  const found = await loadInScope(ctx.db, ctx, id, 'people.read');
  return present(ctx, found, await repo.hasPhoto(ctx.db, id));
}

/** People by id that the caller may read (others are left out). */
export async function findPeopleInScope(ctx: ServiceContext, ids: string[]): Promise<repo.PersonRow[]> {
  const rows = await repo.findPeopleWithUnits(ctx.db, [...new Set(ids)]);
  return rows.filter((r) => inScope(ctx.actor, 'people.read', r.unitPath)).map((r) => r.person);
}

/** The stored form of an ID number: ciphertext, keyed hash and mask (all null when absent). */
export function protectIdNumber(cipher: FieldCipher, idNumber: string | null | undefined) {
  if (!idNumber) return { idNumberCipher: null, idNumberHash: null, idNumberMasked: null };
  return {
    idNumberCipher: cipher.encrypt(idNumber),
    idNumberHash: cipher.hash(idNumber),
    idNumberMasked: maskIdNumber(idNumber),
  };
}

/** Refuses an employee number or ID number that another person already has. */
export async function assertPersonUnique(
  db: Db,
  cipher: FieldCipher,
  input: { employeeNo?: string; idNumber?: string | null },
  exceptId?: string,
): Promise<void> {
  const fields: { path: string; message: string }[] = [];
  if (input.employeeNo) {
    const other = await repo.findPersonByEmployeeNo(db, input.employeeNo);
    if (other && other.id !== exceptId)
      fields.push({
        path: 'employeeNo',
        message: `工号 ${input.employeeNo} 已存在 / employee number exists`,
      });
  }
  if (input.idNumber) {
    const other = await repo.findPersonByIdNumberHash(db, cipher.hash(input.idNumber));
    if (other && other.id !== exceptId)
      fields.push({
        path: 'idNumber',
        message: '身份证号码已登记在其他人员名下 / ID number belongs to another person',
      });
  }
  if (fields.length > 0) throw new AppError('validation_failed', { fields });
}

/** Date rules across fields of the form (a person cannot start work before birth …). */
export function crossFieldIssues(p: {
  birthDate?: string | null;
  workStartDate?: string | null;
  partyJoinDate?: string | null;
  postSince?: string | null;
}) {
  const issues: { path: string; message: string }[] = [];
  const today = new Date().toISOString().slice(0, 10);
  if (p.birthDate && p.birthDate > today)
    issues.push({ path: 'birthDate', message: '出生日期不能晚于今天 / birth date in the future' });
  for (const key of ['workStartDate', 'partyJoinDate', 'postSince'] as const) {
    const value = p[key];
    if (value && p.birthDate && value <= p.birthDate)
      issues.push({ path: key, message: '日期不能早于出生日期 / date before birth' });
    if (value && value > today) issues.push({ path: key, message: '日期不能晚于今天 / date in the future' });
  }
  return issues;
}

/** People join only active units: a deactivated unit must stay empty. */
function assertUnitActive(unit: { active: boolean; name: string }): void {
  if (!unit.active) {
    throw new AppError('validation_failed', {
      fields: [{ path: 'unitId', message: `机构“${unit.name}”已停用 / the unit is inactive` }],
    });
  }
}

/** Creates a person in a unit of the caller's scope. */
export async function createPerson(
  ctx: ServiceContext,
  input: z.infer<typeof CreatePersonBody>,
): Promise<PersonOut> {
  assertPermission(ctx.actor, 'people.write');
  const issues = crossFieldIssues(input);
  if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
  return ctx.db.transaction(async (tx) => {
    const unit = await getUnitRow(tx, ctx, input.unitId, 'units.read');
    assertInScope(ctx.actor, 'people.write', unit.path);
    assertUnitActive(unit);
    await assertPersonUnique(tx, ctx.cipher, input);
    const { idNumber, ...fields } = input;
    const row = await repo.insertPerson(tx, { ...fields, ...protectIdNumber(ctx.cipher, idNumber) });
    await writeAudit(tx, ctx.audit, {
      action: 'person.created',
      entityType: 'person',
      entityId: row.id,
      unitPath: unit.path,
      summary: `新增人员 ${row.name}（${row.employeeNo}）`,
      after: row,
    });
    return present({ ...ctx, db: tx }, { person: row, unitPath: unit.path, unitName: unit.name }, false);
  });
}

/** Edits a person; 409 when someone saved first. Moving to another unit needs write access to both. */
export async function updatePerson(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof UpdatePersonBody>,
): Promise<PersonOut> {
  return ctx.db.transaction(async (tx) => {
    const found = await loadInScope(tx, ctx, id, 'people.write');
    const before = found.person;
    const merged = { ...before, ...input };
    const issues = crossFieldIssues(merged);
    if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
    let unit = { path: found.unitPath, name: found.unitName };
    if (input.unitId && input.unitId !== before.unitId) {
      const target = await getUnitRow(tx, ctx, input.unitId, 'units.read');
      assertInScope(ctx.actor, 'people.write', target.path);
      assertUnitActive(target);
      unit = target;
    }
    await assertPersonUnique(tx, ctx.cipher, input, id);
    const { version, idNumber, ...fields } = input;
    const values = idNumber === undefined ? fields : { ...fields, ...protectIdNumber(ctx.cipher, idNumber) };
    const after = await repo.updatePersonVersioned(tx, id, version, values);
    if (!after) throw new AppError('conflict');
    await writeAudit(tx, ctx.audit, {
      action: 'person.updated',
      entityType: 'person',
      entityId: id,
      unitPath: unit.path,
      summary: `修改人员 ${after.name}（${after.employeeNo}）`,
      ...changedFields(before, after),
    });
    return present(
      { ...ctx, db: tx },
      { person: after, unitPath: unit.path, unitName: unit.name },
      await repo.hasPhoto(tx, id),
    );
  });
}

/** The full ID number, for roles that need it; every view is audited. */
export async function viewIdNumber(ctx: ServiceContext, id: string): Promise<{ idNumber: string | null }> {
  const found = await loadInScope(ctx.db, ctx, id, 'people.viewIdNumber');
  const cipherText = found.person.idNumberCipher;
  await writeAudit(ctx.db, ctx.audit, {
    action: 'person.id_number_viewed',
    entityType: 'person',
    entityId: id,
    unitPath: found.unitPath,
    summary: `查看 ${found.person.name}（${found.person.employeeNo}）的完整身份证号码`,
  });
  return { idNumber: cipherText ? ctx.cipher.decrypt(cipherText) : null };
}

/** The registration-form photo, or 404. */
export async function getPhoto(ctx: ServiceContext, id: string) {
  await loadInScope(ctx.db, ctx, id, 'people.read');
  const photo = await repo.findPhoto(ctx.db, id);
  if (!photo) throw new AppError('not_found');
  return photo;
}

const PHOTO_SIGNATURES: { mime: string; bytes: number[] }[] = [
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/** Stores a JPEG or PNG photo, recognised by its content, not its name. */
export async function setPhoto(ctx: ServiceContext, id: string, data: Buffer): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const found = await loadInScope(tx, ctx, id, 'people.write');
    const kind = PHOTO_SIGNATURES.find((s) => s.bytes.every((b, i) => data[i] === b));
    if (!kind)
      throw new AppError('invalid_file', null, {
        zh: '照片须为 JPG 或 PNG 图片。',
        en: 'The photo must be a JPEG or PNG image.',
      });
    if (data.length > MAX_PHOTO_BYTES)
      throw new AppError('file_too_large', null, {
        zh: '照片不能超过 2 MB。',
        en: 'The photo must be at most 2 MB.',
      });
    await repo.upsertPhoto(tx, id, kind.mime, data);
    await writeAudit(tx, ctx.audit, {
      action: 'person.photo_set',
      entityType: 'person',
      entityId: id,
      unitPath: found.unitPath,
      summary: `更新 ${found.person.name} 的照片`,
    });
  });
}
