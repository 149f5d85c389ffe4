import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, List, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client';
import { useSession } from '../../app/session';
import { reportError } from '../../shared/errors';
import { UnitTreeSelect } from '../../shared/unit-tree-select';
import { CourseSelect } from './course-select';
import { COURSES_KEY, useAssignments, useCoverage } from './courses-api';
import { currentQuarter, quarterOptions } from './quarters';

/** Each quarter's assigned courses (指定课程) by unit, and the form that sets them. */
export function AssignmentsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const session = useSession();
  const canManage = session.permissions.includes('learning.manage');
  const [periodKey, setPeriodKey] = useState(currentQuarter());
  const [unitId, setUnitId] = useState<string>();
  const [courseIds, setCourseIds] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const list = useAssignments({ periodKey });
  const coverage = useCoverage(unitId, periodKey);
  const quantity = list.data?.quantity ?? 2;
  const current = list.data?.items.find((i) => i.unitId === unitId);
  useEffect(() => setCourseIds(current?.courses.map((c) => c.id) ?? []), [current]);
  const save = async (ids: string[]) => {
    setSaving(true);
    try {
      await api('/course-assignments', { method: 'PUT', body: { unitId, periodKey, courseIds: ids } });
      message.success(t('course.assignedOk'));
      await client.invalidateQueries({ queryKey: COURSES_KEY });
    } catch (error) {
      reportError(error, { message });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{t('course.quarter')}</Typography.Text>
        <Select
          data-testid="assign-quarter"
          value={periodKey}
          onChange={setPeriodKey}
          options={quarterOptions()}
          style={{ width: 120 }}
        />
      </Space>
      {canManage && (
        <Card size="small" title={t('course.assignFor')} data-testid="assign-form">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert type="info" showIcon title={t('course.assignHelp', { quantity })} />
            <UnitTreeSelect
              data-testid="assign-unit"
              value={unitId}
              onChange={setUnitId}
              style={{ width: 320 }}
            />
            <CourseSelect
              data-testid="assign-courses"
              value={courseIds}
              onChange={setCourseIds}
              max={quantity}
              known={current?.courses}
              placeholder={t('course.pickCourses', { quantity })}
            />
            {coverage.data && (
              <Typography.Text data-testid="assign-coverage">
                {t('course.coverage', {
                  reserves: coverage.data.reserves,
                  managers: coverage.data.middleManagers,
                })}
              </Typography.Text>
            )}
            <Space>
              <Button
                type="primary"
                disabled={!unitId || courseIds.length !== quantity}
                loading={saving}
                onClick={() => void save(courseIds)}
                data-testid="assign-save"
              >
                {t('course.saveAssignment')}
              </Button>
              {current && (
                <Button danger disabled={saving} onClick={() => void save([])}>
                  {t('course.clearAssignment')}
                </Button>
              )}
            </Space>
          </Space>
        </Card>
      )}
      {list.data && list.data.items.length === 0 ? (
        <Empty description={t('course.noAssignments')} />
      ) : (
        <List
          data-testid="assign-list"
          loading={list.isFetching}
          dataSource={list.data?.items}
          renderItem={(item) => (
            <List.Item
              actions={
                item.actions.edit
                  ? [
                      <Button key="edit" type="link" onClick={() => setUnitId(item.unitId)}>
                        {t('common.edit')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={`${item.unitName} · ${item.periodKey}`}
                description={t('course.coverage', {
                  reserves: item.coverage.reserves,
                  managers: item.coverage.middleManagers,
                })}
              />
              <Space wrap>
                {item.courses.map((c) => (
                  <Tag key={c.id} color="blue">
                    {c.code} {c.title}
                  </Tag>
                ))}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
