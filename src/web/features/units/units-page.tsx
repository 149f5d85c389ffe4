import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Input, Row, Space, Switch, Tag, Tree, type TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCan } from '../../app/session';
import { download } from '../../shared/download';
import { errorText } from '../../shared/errors';
import { ImportModal } from '../../shared/import-modal';
import { buildUnitTree, UNITS_KEY, type UnitNode, useUnits } from '../../shared/units';
import { UnitDetailPanel } from './unit-detail';
import { UnitFormModal } from './unit-form-modal';

// Keeps a unit when it or anything below it matches the search, so matches stay in context.
function toTreeData(nodes: UnitNode[], search: string, inactiveLabel: string): TreeDataNode[] {
  const out: TreeDataNode[] = [];
  for (const node of nodes) {
    const children = toTreeData(node.children, search, inactiveLabel);
    const matches =
      !search || node.name.includes(search) || node.code.toLowerCase().includes(search.toLowerCase());
    if (!matches && children.length === 0) continue;
    out.push({
      key: node.id,
      title: (
        <span style={{ color: node.active ? undefined : '#999' }} data-testid={`unit-node-${node.code}`}>
          {node.name}
          {!node.active && (
            <Tag style={{ marginInlineStart: 6 }} variant="filled">
              {inactiveLabel}
            </Tag>
          )}
        </span>
      ),
      children,
    });
  }
  return out;
}

/** 组织机构: the unit tree on the left, the chosen unit on the right. */
export function UnitsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<'root' | 'import' | null>(null);
  const units = useUnits(includeInactive);
  const roots = useMemo(() => buildUnitTree(units.data ?? []), [units.data]);
  const treeData = useMemo(() => toTreeData(roots, search.trim(), t('units.inactive')), [roots, search, t]);
  const selected = params.get('unit') ?? roots[0]?.id;
  const select = (id: string) => setParams({ unit: id }, { replace: true });

  return (
    <Row gutter={16}>
      <Col xs={24} lg={9} xl={8}>
        <Card
          title={t('menu.units')}
          extra={
            <Space size={4}>
              {can('units.manage') && (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setDialog('root')}
                  data-testid="unit-create"
                >
                  {t('units.createRoot')}
                </Button>
              )}
              {can('units.manage') && (
                <Button
                  size="small"
                  icon={<UploadOutlined />}
                  onClick={() => setDialog('import')}
                  data-testid="units-import"
                >
                  {t('import.button')}
                </Button>
              )}
              <Button
                size="small"
                icon={<DownloadOutlined />}
                onClick={() => download('/units/export')}
                data-testid="units-export"
              >
                {t('common.export')}
              </Button>
            </Space>
          }
        >
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input.Search
              placeholder={t('units.searchPlaceholder')}
              allowClear
              onChange={(e) => setSearch(e.target.value)}
              data-testid="unit-search"
            />
            <Space>
              <Switch
                size="small"
                checked={includeInactive}
                onChange={setIncludeInactive}
                data-testid="unit-show-inactive"
              />
              {t('units.showInactive')}
            </Space>
            {units.isError && <Empty description={errorText(units.error)} />}
            {units.data && treeData.length === 0 && <Empty description={t('units.empty')} />}
            {treeData.length > 0 && (
              <Tree
                data-testid="unit-tree"
                // A new key remounts the tree so a search opens the branches that contain matches.
                key={`${includeInactive}-${search}-${units.dataUpdatedAt}`}
                treeData={treeData}
                defaultExpandAll={!!search || (units.data?.length ?? 0) <= 200}
                defaultExpandedKeys={roots.map((r) => r.id)}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => keys[0] && select(String(keys[0]))}
                blockNode
                style={{ maxHeight: 'calc(100vh - 260px)', overflow: 'auto' }}
              />
            )}
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={15} xl={16}>
        {selected ? (
          <UnitDetailPanel unitId={selected} onSelect={select} />
        ) : (
          <Card>
            <Empty description={t('units.chooseOne')} />
          </Card>
        )}
      </Col>
      <UnitFormModal
        open={dialog === 'root'}
        parent={null}
        onClose={(createdId) => {
          setDialog(null);
          if (createdId) select(createdId);
        }}
      />
      <ImportModal
        open={dialog === 'import'}
        title={t('units.importTitle')}
        basePath="/units/import"
        onClose={() => setDialog(null)}
        onCommitted={() => void client.invalidateQueries({ queryKey: UNITS_KEY })}
      />
    </Row>
  );
}
