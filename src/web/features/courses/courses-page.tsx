import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AssignmentsTab } from './assignments-tab';
import { CatalogueTab } from './catalogue-tab';
import { CompletionsTab } from './completions-tab';
import { QuarterTab } from './quarter-tab';

const TABS = ['catalogue', 'assignments', 'completions', 'quarter'] as const;

/** 网上大学 for HR: the catalogue, each quarter's assigned courses, completions, the quarter view. */
export function CoursesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? params.get('tab')!
    : 'catalogue';
  return (
    <Card title={t('course.title')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={TABS.map((key) => ({
          key,
          label: <span data-testid={`course-tab-${key}`}>{t(`course.tabs.${key}`)}</span>,
          children:
            key === 'catalogue' ? (
              <CatalogueTab />
            ) : key === 'assignments' ? (
              <AssignmentsTab />
            ) : key === 'completions' ? (
              <CompletionsTab />
            ) : (
              <QuarterTab />
            ),
        }))}
      />
    </Card>
  );
}
