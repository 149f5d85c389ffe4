import { Col, Empty, Row, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { diffTexts } from '../../../core/text/diff';
import { TEXT_STYLE } from './highlighted-text';
import type { ReflectionData } from './reflections-api';

type Version = ReflectionData['versions'][number];

/** Two versions side by side: deletions marked on the left, insertions on the right. */
export function VersionDiff({ versions }: { versions: Version[] }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(Math.max(1, versions.length - 1));
  const [right, setRight] = useState(versions.length);
  const a = versions.find((v) => v.number === left);
  const b = versions.find((v) => v.number === right);
  const parts = useMemo(() => (a && b ? diffTexts(a.text, b.text) : []), [a, b]);
  if (versions.length < 2) return null;
  const options = versions.map((v) => ({ value: v.number, label: t('refl.versionTitle', { n: v.number }) }));
  const same = parts.every((p) => p.op === 'equal');
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="version-diff">
      <Space>
        <Typography.Text>{t('refl.compareWith')}</Typography.Text>
        <Select
          value={left}
          options={options}
          onChange={setLeft}
          style={{ width: 110 }}
          data-testid="diff-left"
        />
        <Typography.Text>→</Typography.Text>
        <Select
          value={right}
          options={options}
          onChange={setRight}
          style={{ width: 110 }}
          data-testid="diff-right"
        />
      </Space>
      {same ? (
        <Empty description={t('refl.noDiff')} />
      ) : (
        <Row gutter={12}>
          {(['delete', 'insert'] as const).map((side) => (
            <Col span={12} key={side}>
              <div style={TEXT_STYLE} data-testid={`diff-${side}`}>
                {parts
                  .filter((p) => p.op === 'equal' || p.op === side)
                  .map((p, i) =>
                    p.op === 'equal' ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one diff, in order
                      <span key={i}>{p.text}</span>
                    ) : (
                      <mark
                        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one diff, in order
                        key={i}
                        style={{
                          background: side === 'delete' ? '#ffccc7' : '#d9f7be',
                          textDecoration: side === 'delete' ? 'line-through' : undefined,
                          padding: 0,
                        }}
                      >
                        {p.text}
                      </mark>
                    ),
                  )}
              </div>
            </Col>
          ))}
        </Row>
      )}
    </Space>
  );
}
