import { Badge, Calendar, Card, List, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryValue } from '../../app/api-client';
import { errorText } from '../../shared/errors';
import { today } from '../../shared/today';
import { StatusTag } from './obligation-table';
import { type CalendarData, useCalendar } from './obligations-api';

type Day = CalendarData['days'][number];

// The badge colour of a day: red with anything overdue, orange when due soon, else blue.
function dayColour(day: Day): string {
  if (day.counts.overdue) return 'red';
  if (day.counts.due_soon || day.counts.returned) return 'orange';
  if (day.total === day.counts.fulfilled + day.counts.fulfilled_late + day.counts.waived) return 'green';
  return 'blue';
}

/** A month of due dates (antd Calendar) with per-day counts; choosing a day lists its items. */
export function MonthCalendar({
  path,
  query = {},
  testId,
}: {
  path: string;
  query?: Record<string, QueryValue>;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(today());
  const [selected, setSelected] = useState<string | null>(null);
  const calendar = useCalendar(path, { ...query, month: month.format('YYYY-MM') });
  const byDate = new Map((calendar.data?.days ?? []).map((d) => [d.date, d]));
  const chosen = selected ? byDate.get(selected) : undefined;

  return (
    <div data-testid={testId}>
      {calendar.isError && <Typography.Text type="danger">{errorText(calendar.error)}</Typography.Text>}
      <Calendar
        value={month}
        onPanelChange={(value) => setMonth(value)}
        onSelect={(value, info) => {
          if (info.source === 'date') setSelected(value.format('YYYY-MM-DD'));
          else setMonth(value);
        }}
        cellRender={(value, info) => {
          if (info.type !== 'date' || !value.isSame(month, 'month')) return null;
          const day = byDate.get(value.format('YYYY-MM-DD'));
          if (!day?.total) return null;
          return (
            <div data-testid={`calendar-day-${day.date}`}>
              <Badge color={dayColour(day)} text={t('obl.dayCount', { n: day.total })} />
              {day.counts.overdue > 0 && (
                <div>
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {t('obl.dayOverdue', { n: day.counts.overdue })}
                  </Typography.Text>
                </div>
              )}
            </div>
          );
        }}
      />
      {chosen && (
        <Card
          size="small"
          title={t('obl.dayTitle', { date: chosen.date, n: chosen.total })}
          style={{ marginTop: 12 }}
        >
          <List
            size="small"
            dataSource={chosen.items}
            locale={{ emptyText: t('common.noData') }}
            renderItem={(item) => (
              <List.Item>
                <Space wrap>
                  <StatusTag status={item.status} daysOverdue={item.daysOverdue} />
                  <span>{item.personName}</span>
                  <span>{item.ruleTitle}</span>
                  <Typography.Text type="secondary">{item.periodKey}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
          {chosen.items.length < chosen.total && (
            <Typography.Text type="secondary">
              {t('obl.dayMore', { n: chosen.total - chosen.items.length })}
            </Typography.Text>
          )}
        </Card>
      )}
    </div>
  );
}
