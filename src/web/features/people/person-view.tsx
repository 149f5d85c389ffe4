import { Card, Col, Descriptions, type DescriptionsProps, Empty, Row, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../shared/dictionaries';
import { IdNumberReveal } from './id-number-reveal';
import type { PersonDetailData } from './people-api';
import { PersonPhoto } from './person-photo';

type Items = NonNullable<DescriptionsProps['items']>;

const item = (label: string, children: ReactNode, span?: number): Items[number] => ({
  key: label,
  label,
  children: children === null || children === undefined || children === '' ? '—' : children,
  span,
});

/** The registration form (后备干部简要情况登记表) read-only, section by section. */
export function PersonView({ person }: { person: PersonDetailData }) {
  const { t } = useTranslation();
  const { dict } = useLabels();
  const education = (prefix: 'fullTime' | 'inService'): Items => [
    item(t(`people.${prefix}`) + t('people.educationLevel'), dict(person[`${prefix}Education`])),
    item(`${t(`people.${prefix}`)}${t('people.degree')}`, dict(person[`${prefix}Degree`])),
    item(
      `${t(`people.${prefix}`)}${t('people.schoolAndMajor')}`,
      [person[`${prefix}School`], person[`${prefix}Major`]].filter(Boolean).join(' · '),
    ),
  ];
  const basic: Items = [
    item(t('people.employeeNo'), person.employeeNo),
    item(t('people.name'), person.name),
    item(t('people.gender'), dict(person.gender)),
    item(t('people.ethnicity'), person.ethnicity),
    item(t('people.birthDate'), person.birthDate),
    item(t('people.nativePlace'), person.nativePlace),
    item(t('people.politicalStatus'), dict(person.politicalStatus)),
    item(t('people.partyJoinDate'), person.partyJoinDate),
    item(t('people.workStartDate'), person.workStartDate),
    item(t('people.idNumber'), <IdNumberReveal person={person} />, 2),
    item(t('people.phone'), person.phone),
  ];
  const work: Items = [
    item(t('people.unit'), person.unitName),
    item(t('people.currentPost'), person.currentPost),
    item(t('people.postSince'), person.postSince),
    item(t('people.grade'), person.grade),
    item(t('people.professionalTitle'), person.professionalTitle),
    item(t('people.isMiddleManager'), person.isMiddleManager ? t('people.middleYes') : t('people.middleNo')),
  ];
  const assessments: Items = [...person.assessments]
    .sort((a, b) => a.year - b.year)
    .map((a) => item(t('people.yearLabel', { year: a.year }), dict(a.grade)));

  return (
    <div data-testid="person-view">
      <Card type="inner" title={t('people.sectionBasic')} style={{ marginBottom: 16 }}>
        <Row gutter={24} wrap={false}>
          <Col flex="auto">
            <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} items={basic} />
          </Col>
          <Col flex="160px">
            <PersonPhoto person={person} />
          </Col>
        </Row>
      </Card>
      <Card type="inner" title={t('people.sectionEducation')} style={{ marginBottom: 16 }}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[...education('fullTime'), ...education('inService')]}
        />
      </Card>
      <Card type="inner" title={t('people.sectionWork')} style={{ marginBottom: 16 }}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} items={work} />
      </Card>
      <Card type="inner" title={t('people.sectionResume')} style={{ marginBottom: 16 }}>
        {person.resume.length ? (
          <Table
            size="small"
            pagination={false}
            rowKey={(line) => `${line.from}-${line.text}`}
            dataSource={person.resume}
            columns={[
              {
                title: t('people.resumePeriod'),
                width: 200,
                render: (_, line) => `${line.from} — ${line.to ?? t('people.resumeNow')}`,
              },
              { title: t('people.resumeText'), dataIndex: 'text' },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>
      <Card type="inner" title={t('people.sectionRewards')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {person.rewardsPunishments || t('people.none')}
        </Typography.Paragraph>
      </Card>
      <Card type="inner" title={t('people.sectionAssessments')}>
        {assessments.length ? (
          <Descriptions
            bordered
            size="small"
            column={{ xs: 2, md: 5 }}
            layout="vertical"
            items={assessments}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>
    </div>
  );
}
