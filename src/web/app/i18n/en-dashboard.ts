import type { zhDashboard } from './zh-dashboard';

/** English texts of the dashboard. */
export const enDashboard: typeof zhDashboard = {
  dash: {
    title: 'Dashboard',
    asOf: 'Year {{year}} · as of {{today}}',
    active: 'Active reserves',
    nominated: 'Nominations awaiting approval',
    overdue: 'Overdue obligations',
    dueSoon: 'Due soon',
    submitted: 'Awaiting review',
    percent: 'Done on time this year',
    percentHint: 'Share of the obligations due so far that are fulfilled or waived',
    programmes: 'Programmes this year',
    programme: 'Programme',
    tier: 'Tier',
    due: 'Due so far',
    doneDue: 'Done',
    yearOverdue: 'Overdue this year',
    overdueList: 'Longest overdue',
    dueSoonList: 'Falling due next',
    viewAll: 'View all',
    viewMatrix: 'Compliance',
    noProgrammes:
      'There are no reserves in your scope yet. Nominate and approve them in the reserve pool first.',
    noOverdue: 'Nothing is overdue',
    noDueSoon: 'Nothing falls due soon',
    dueOn: 'due {{date}}',
  },
};
