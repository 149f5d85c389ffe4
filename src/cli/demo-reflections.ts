/**
 * Demo reflections, written and reviewed through the real services so that `npm start` shows the
 * screens populated: a research report awaiting review, one accepted, one returned with a comment,
 * and one copied from the accepted one (flagged by the copy check).
 */
import { sql } from 'drizzle-orm';
import { startReflection, submitReflection } from '../server/modules/reflections/reflections.service.js';
import {
  acceptReflection,
  returnReflection,
} from '../server/modules/reflections/reflections-review.service.js';
import { users } from '../server/modules/users/users.table.js';
import type { Actor } from '../server/platform/access.js';
import type { FieldCipher } from '../server/platform/crypto.js';
import type { Db } from '../server/platform/db.js';
import type { ServiceContext } from '../server/platform/request-context.js';
import { disguisedCopy, generateReflectionText } from './demo-reflection-texts.js';

type Target = {
  obligationId: string;
  personId: string;
  personName: string;
  unitPath: string;
  unitId: string;
};

/** Seeds the demo reflections; returns how many were written. */
export async function seedDemoReflections(db: Db, cipher: FieldCipher, rootUnitId: string): Promise<number> {
  const targets = (
    (await db.execute(sql`
      SELECT o.id AS "obligationId", r.person_id AS "personId", p.name AS "personName", u.path AS "unitPath", u.id AS "unitId"
        FROM obligations o
        JOIN reserves r ON r.id = o.reserve_id
        JOIN people p ON p.id = r.person_id
        JOIN org_units u ON u.id = p.unit_id
       WHERE o.rule_key = 'grassroots_research' AND o.state = 'open' AND r.state = 'active'
       ORDER BY p.employee_no
       LIMIT 4`)) as unknown as { rows: Target[] }
  ).rows;
  if (targets.length < 4) return 0;
  // The demo's own account behind these writes: inactive, it cannot sign in.
  const [demoUser] = await db
    .insert(users)
    .values({ username: 'demo_data', displayName: '演示数据', passwordHash: '!', active: false })
    .returning({ id: users.id });
  const context = (actor: Omit<Actor, 'userId' | 'username'>): ServiceContext => ({
    db,
    actor: { ...actor, userId: demoUser.id, username: 'demo_data' },
    audit: { userId: demoUser.id, displayName: actor.displayName },
    cipher,
    lang: 'zh',
  });
  const hr = context({
    displayName: '人力资源部',
    personId: null,
    grants: [{ role: 'hr_admin', unitId: rootUnitId, unitPath: `/${rootUnitId}/`, unitName: '' }],
  });
  const write = async (target: Target, text: string, title: string) => {
    const reserve = context({ displayName: target.personName, personId: target.personId, grants: [] });
    const started = await startReflection(reserve, target.obligationId);
    return submitReflection(reserve, started.id, { text, title, version: started.version });
  };
  const [waiting, accepted, returned, copier] = targets;
  await write(waiting, generateReflectionText(101, 2100), '关于农村宽带用户流失情况的调研报告');
  const original = generateReflectionText(102, 2100);
  const good = await write(accepted, original, '关于县域政企客户服务响应的调研报告');
  await acceptReflection(hr, good.id, { version: good.version, comment: '调研扎实，建议在部门内分享。' });
  const weak = await write(returned, generateReflectionText(103, 2100), '乡镇支局营销情况调研');
  await returnReflection(hr, weak.id, {
    version: weak.version,
    comment: '请补充调研数据来源和具体的改进建议。',
  });
  await write(copier, disguisedCopy(original), '县域政企客户服务调研报告');
  return targets.length;
}
