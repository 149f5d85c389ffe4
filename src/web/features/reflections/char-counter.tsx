import { Progress, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CharCount } from '../../../core/text/char-count';

/** The live 字数 with its breakdown and the rule's minimum (the same counter the server enforces). */
export function CharCounter({ count, minChars }: { count: CharCount; minChars: number | null }) {
  const { t } = useTranslation();
  const short = minChars ? Math.max(0, minChars - count.total) : 0;
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }} data-testid="char-counter">
      <Space wrap>
        <Tooltip title={t('refl.countRule')}>
          <Typography.Text strong data-testid="char-total">
            {t('refl.count', { n: count.total })}
          </Typography.Text>
        </Tooltip>
        <Typography.Text type="secondary" data-testid="char-breakdown">
          {t('refl.breakdown', count)}
          {count.otherAsian ? t('refl.otherAsian', { n: count.otherAsian }) : ''}
        </Typography.Text>
        {minChars ? (
          <Typography.Text type={short ? 'warning' : 'success'} data-testid="char-minimum">
            {t('refl.required', { n: minChars })}，{short ? t('refl.short', { n: short }) : t('refl.enough')}
          </Typography.Text>
        ) : null}
      </Space>
      {minChars ? (
        <Progress
          percent={Math.min(100, Math.round((count.total * 100) / minChars))}
          size="small"
          status={short ? 'active' : 'success'}
          showInfo={false}
        />
      ) : null}
    </Space>
  );
}
