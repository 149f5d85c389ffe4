import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Drawer, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../shared/errors';
import { useCadreLabels } from '../programmes/rule-labels';
import { evidenceSourceLabel, evidenceSourceLink } from './evidence-sources';
import { StatusTag } from './obligation-table';
import { type ObligationDetailData, useObligationDetail } from './obligations-api';

type Evidence = ObligationDetailData['evidence'][number];

/** One piece of evidence: what, when, by whom, the file, and whether it counts. */
function EvidenceLine({ obligationId, e }: { obligationId: string; e: Evidence }) {
  const { t, i18n } = useTranslation();
  const link = evidenceSourceLink(e.sourceType, e.sourceId);
  const source = evidenceSourceLabel(e.sourceType, i18n.language);
  return (
    <List.Item data-testid="evidence-line">
      <Space direction="vertical" size={2} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{e.occurredOn}</Typography.Text>
          {link ? <Link to={link}>{source}</Link> : <span>{source}</span>}
          {e.units > 1 && <Tag>×{e.units}</Tag>}
          {e.withdrawn ? (
            <Tag color="default">{t('obl.evidenceWithdrawn')}</Tag>
          ) : !e.counted ? (
            <Tag color="processing">{t('obl.evidencePending')}</Tag>
          ) : null}
        </Space>
        {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
        {e.attachmentName && (
          <a href={`/api/obligations/${obligationId}/evidence/${e.id}/file`} download={e.attachmentName}>
            <PaperClipOutlined /> {e.attachmentName}
          </a>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('obl.recordedBy', {
            name: e.recordedByName ?? '—',
            at: e.createdAt.slice(0, 16).replace('T', ' '),
          })}
        </Typography.Text>
      </Space>
    </List.Item>
  );
}

/** An obligation's facts and every piece of evidence recorded for it. */
export function ObligationDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useCadreLabels();
  const detail = useObligationDetail(id);
  const item = detail.data?.item;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={560}
      title={item ? `${item.ruleTitle} · ${item.periodKey}` : t('obl.detail')}
      data-testid="obligation-detail"
      destroyOnHidden
    >
      {detail.isLoading && <Spin />}
      {detail.error && <Alert type="error" showIcon message={errorText(detail.error)} />}
      {item && detail.data && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('obl.person')}>
              {item.personName}（{item.employeeNo}）· {item.unitName}
            </Descriptions.Item>
            <Descriptions.Item label={t('obl.programme')}>{item.programmeName}</Descriptions.Item>
            <Descriptions.Item label={t('obl.period')}>
              {item.periodKey}（{item.periodStart} ~ {item.periodEnd}）
            </Descriptions.Item>
            <Descriptions.Item label={t('obl.actor')}>
              {item.actorName ?? labels.actor(item.actor)}
            </Descriptions.Item>
            <Descriptions.Item label={t('obl.dueDate')}>{item.dueDate}</Descriptions.Item>
            <Descriptions.Item label={t('obl.quantity')}>
              {item.quantity > 1 ? t('obl.progressOf', { done: item.progress, total: item.quantity }) : 1}
              {item.minChars ? `（${t('obl.minChars', { n: item.minChars })}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('obl.status')}>
              <StatusTag status={item.status} daysOverdue={item.daysOverdue} />
              {item.fulfilledOn && ` ${item.fulfilledOn}`}
            </Descriptions.Item>
            {item.waivedReason && (
              <Descriptions.Item label={t('obl.waiveReason')}>{item.waivedReason}</Descriptions.Item>
            )}
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('obl.evidence')}</Typography.Title>
            <List
              size="small"
              dataSource={detail.data.evidence}
              locale={{ emptyText: <Empty description={t('obl.noEvidence')} /> }}
              renderItem={(e) => <EvidenceLine obligationId={item.id} e={e} />}
            />
          </div>
        </Space>
      )}
    </Drawer>
  );
}
