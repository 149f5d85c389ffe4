/**
 * Every kind of audit entry the system writes, with how an HR office reads it. Writing an entry
 * of an unlisted kind does not compile; the audit screen offers these as its filter.
 */
export const AUDIT_ACTIONS = {
  'login.succeeded': { zh: '登录成功', en: 'Signed in' },
  'login.failed': { zh: '登录失败', en: 'Sign-in failed' },
  'login.locked': { zh: '账号锁定期间尝试登录', en: 'Sign-in while locked' },
  'login.lockout': { zh: '连续失败被锁定', en: 'Locked after failures' },
  logout: { zh: '退出登录', en: 'Signed out' },
  'password.changed': { zh: '修改密码', en: 'Password changed' },
  'unit.created': { zh: '新增机构', en: 'Unit created' },
  'unit.updated': { zh: '修改机构', en: 'Unit changed' },
  'unit.moved': { zh: '移动机构', en: 'Unit moved' },
  'unit.activated': { zh: '启用机构', en: 'Unit activated' },
  'unit.deactivated': { zh: '停用机构', en: 'Unit deactivated' },
  'unit.leaders_set': { zh: '设置正职/副职', en: 'Unit leaders set' },
  'unit.imported_create': { zh: '导入新增机构', en: 'Unit imported (new)' },
  'unit.imported_update': { zh: '导入更新机构', en: 'Unit imported (update)' },
  'person.created': { zh: '新增人员', en: 'Person created' },
  'person.updated': { zh: '修改人员信息', en: 'Person changed' },
  'person.photo_set': { zh: '更新照片', en: 'Photo changed' },
  'person.id_number_viewed': { zh: '查看完整身份证号码', en: 'Full ID number viewed' },
  'person.exported': { zh: '导出人员名册', en: 'Roster exported' },
  'person.imported_create': { zh: '导入新增人员', en: 'Person imported (new)' },
  'person.imported_update': { zh: '导入更新人员', en: 'Person imported (update)' },
  'user.created': { zh: '创建账号', en: 'Account created' },
  'user.activated': { zh: '启用账号', en: 'Account activated' },
  'user.deactivated': { zh: '停用账号', en: 'Account deactivated' },
  'user.password_reset': { zh: '重置密码', en: 'Password reset' },
  'user.grant_added': { zh: '授予角色', en: 'Role granted' },
  'user.grant_removed': { zh: '撤销角色', en: 'Role revoked' },
  'user.admin_created': { zh: '命令行创建系统管理员', en: 'Administrator created (CLI)' },
  'user.admin_reset': { zh: '命令行重置系统管理员', en: 'Administrator reset (CLI)' },
  'system.demo_loaded': { zh: '载入演示数据', en: 'Demo data loaded' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
