/**
 * Who may do what. Each role is granted over one unit subtree; a permission applies to the
 * records of the units in the subtrees of the grants whose role carries it. Shared by the server
 * (enforcement) and the web (showing only the actions the user has).
 */
export const ROLES = [
  'system_admin',
  'hr_admin',
  'hr_leader',
  'leadership',
  'unit_head',
  'mentor',
  'reserve',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'units.read',
  'units.manage',
  'people.read',
  'people.write',
  'people.import',
  'people.export',
  'people.viewIdNumber',
  'users.read',
  'users.manage',
  'audit.read',
  'system.backup',
  'programmes.read',
  'programmes.manage',
  'pool.read',
  'pool.nominate',
  'pool.decide',
  'obligations.read',
  'obligations.record',
  'reflections.read',
  'reflections.review',
  // Talks and mentors (六(三), 六(五)). Talkers, mentors and reserves reach their own records by
  // relation (分管, mentor assignment, being the reserve), not by these role-wide permissions.
  'charges.manage',
  'talks.read',
  'talks.manage',
  'mentors.manage',
  'assessments.read',
  'assessments.file',
  'rewards.read',
  'rewards.manage',
  // Learning (六(一)1–3): training events, the online-course catalogue and quarterly assignments,
  // completions, the reading list. Reserves reach their own courses and events through /my.
  'learning.read',
  'learning.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The permissions of each role. Mentors and reserves see their own records through later modules. */
export const ROLE_PERMISSIONS = {
  system_admin: [...PERMISSIONS],
  hr_admin: [
    'units.read',
    'units.manage',
    'people.read',
    'people.write',
    'people.import',
    'people.export',
    'people.viewIdNumber',
    'users.read',
    'users.manage',
    'audit.read',
    'programmes.read',
    'programmes.manage',
    'pool.read',
    'pool.nominate',
    'obligations.read',
    'obligations.record',
    'reflections.read',
    'reflections.review',
    'charges.manage',
    'talks.read',
    'talks.manage',
    'mentors.manage',
    'assessments.read',
    'assessments.file',
    'rewards.read',
    'rewards.manage',
    'learning.read',
    'learning.manage',
  ],
  hr_leader: [
    'units.read',
    'people.read',
    'people.export',
    'users.read',
    'audit.read',
    'programmes.read',
    'pool.read',
    'obligations.read',
    'reflections.read',
    'talks.read',
    'assessments.read',
    'rewards.read',
    'learning.read',
  ],
  // The leadership approves nominations (审定); it does not nominate or record evidence.
  leadership: [
    'units.read',
    'people.read',
    'people.export',
    'programmes.read',
    'pool.read',
    'pool.decide',
    'obligations.read',
    'reflections.read',
    'learning.read',
  ],
  // The unit head coaches the reserves of the unit (五): reads their reflections, does not review them.
  unit_head: [
    'units.read',
    'people.read',
    'pool.read',
    'obligations.read',
    'reflections.read',
    'learning.read',
  ],
  mentor: ['units.read'],
  reserve: [],
} as const satisfies Record<Role, readonly Permission[]>;

/** Roles a user may grant: nobody grants a role with permissions they do not hold themselves. */
export function canGrantRole(granterPermissions: ReadonlySet<Permission>, role: Role): boolean {
  return ROLE_PERMISSIONS[role].every((permission) => granterPermissions.has(permission));
}

/** Whether a role carries a permission. */
export function roleHas(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}
