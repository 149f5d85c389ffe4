import { Alert, Col, Collapse, Empty, Row, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { HighlightedText } from './highlighted-text';
import type { ReflectionData } from './reflections-api';

type Check = NonNullable<ReflectionData['copyCheck']>;

/** The copy check: each overlapping reflection with the shared passages marked side by side. */
export function CopyPanel({ check, text }: { check: Check; text: string }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="copy-panel">
      <Typography.Text type="secondary">
        {t('refl.copyMeta', {
          time: dayjs(check.checkedAt).format('YYYY-MM-DD HH:mm'),
          threshold: check.threshold,
          n: check.fingerprints,
        })}
      </Typography.Text>
      {check.matches.length === 0 ? (
        <Empty description={t('refl.copyNone')} />
      ) : (
        <Collapse
          defaultActiveKey={check.matches.filter((m) => m.flagged).map((_, i) => String(i))}
          items={check.matches.map((m, i) => ({
            key: String(i),
            label: (
              <Space wrap data-testid={`copy-match-${i}`}>
                <Tag color={m.flagged ? 'red' : 'default'}>{t('refl.copyScore', { n: m.score })}</Tag>
                <Typography.Text>
                  {m.kind === 'own' ? t('refl.copyOwn') : t('refl.copyOthers')}
                </Typography.Text>
                {m.other ? (
                  <Typography.Text strong>
                    {t('refl.otherText', {
                      name: m.other.personName,
                      title: m.other.ruleTitle,
                      period: m.other.periodKey,
                    })}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t('refl.outOfScope')}</Typography.Text>
                )}
                <Typography.Text type="secondary">
                  {t('refl.passages', { n: m.passages.length })}
                </Typography.Text>
              </Space>
            ),
            children: m.other ? (
              <Row gutter={12}>
                <Col span={12}>
                  <Typography.Title level={5}>{t('refl.thisText')}</Typography.Title>
                  <HighlightedText text={text} ranges={m.passages.map((p) => p.a)} testId="copy-own-text" />
                </Col>
                <Col span={12}>
                  <Typography.Title level={5}>{m.other.personName}</Typography.Title>
                  <HighlightedText
                    text={m.other.text}
                    ranges={m.passages.flatMap((p) => (p.b ? [p.b] : []))}
                    testId="copy-other-text"
                  />
                </Col>
              </Row>
            ) : (
              <>
                <Alert type="info" message={t('refl.outOfScope')} style={{ marginBottom: 8 }} />
                <HighlightedText text={text} ranges={m.passages.map((p) => p.a)} testId="copy-own-text" />
              </>
            ),
          }))}
        />
      )}
    </Space>
  );
}
