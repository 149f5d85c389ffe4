import { useQueryClient } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Descriptions, Empty, Popconfirm, Result, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoading } from '../../app/guards';
import { useLabels } from '../../shared/dictionaries';
import { errorText, reportError } from '../../shared/errors';
import { UNITS_KEY } from '../../shared/units';
import { UnitFormModal } from './unit-form-modal';
import { UnitLeadersModal } from './unit-leaders-modal';
import { UnitMoveModal } from './unit-move-modal';
import { setUnitActive, useUnitDetail } from './units-api';

type Dialog = 'child' | 'edit' | 'move' | 'leaders' | null;

/** The right-hand panel of 组织机构: one unit and what the user may do with it. */
export function UnitDetailPanel({ unitId, onSelect }: { unitId: string; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { unitType } = useLabels();
  const detail = useUnitDetail(unitId);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (detail.isPending) return <PageLoading />;
  if (detail.isError) return <Result status="warning" title={errorText(detail.error)} />;
  const unit = detail.data;
  const person = (p: { personId: string; name: string; employeeNo: string }) => (
    <Link key={p.personId} to={`/people/${p.personId}`}>
      {p.name}（{p.employeeNo}）
    </Link>
  );

  const toggleActive = async () => {
    try {
      await setUnitActive(unit.id, unit.version, !unit.active);
      message.success(t('common.saved'));
      await client.invalidateQueries({ queryKey: UNITS_KEY });
    } catch (error) {
      reportError(error, { message, client, reload: [UNITS_KEY] });
    }
  };

  const actions = unit.actions.manage && (
    <Space wrap>
      <Button
        type="primary"
        onClick={() => setDialog('child')}
        disabled={!unit.active}
        data-testid="unit-create-child"
      >
        {t('units.createChild')}
      </Button>
      <Button onClick={() => setDialog('edit')} data-testid="unit-edit">
        {t('common.edit')}
      </Button>
      <Button onClick={() => setDialog('move')} disabled={!unit.parentId} data-testid="unit-move">
        {t('units.move')}
      </Button>
      <Button onClick={() => setDialog('leaders')} data-testid="unit-leaders">
        {t('units.setLeaders')}
      </Button>
      <Popconfirm
        title={unit.active ? t('units.deactivateConfirm') : t('units.activateConfirm')}
        onConfirm={() => void toggleActive()}
      >
        <Button danger={unit.active} data-testid="unit-toggle-active">
          {unit.active ? t('common.deactivate') : t('common.activate')}
        </Button>
      </Popconfirm>
    </Space>
  );

  return (
    <Card
      data-testid="unit-detail"
      title={
        <Space>
          {unit.name}
          {!unit.active && <Tag>{t('units.inactive')}</Tag>}
        </Space>
      }
    >
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={unit.path.map((p) => ({
          key: p.id,
          title: p.id === unit.id ? p.name : <Link to={`/units?unit=${p.id}`}>{p.name}</Link>,
        }))}
      />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'code', label: t('units.code'), children: unit.code },
          { key: 'type', label: t('units.type'), children: unitType(unit.type) },
          { key: 'head', label: t('units.head'), children: unit.head ? person(unit.head) : '—' },
          {
            key: 'deputies',
            label: t('units.deputies'),
            children: unit.deputies.length ? <Space wrap>{unit.deputies.map(person)}</Space> : '—',
          },
          {
            key: 'people',
            label: t('units.peopleCount'),
            children: (
              <Link to={`/people?unitId=${unit.id}`}>
                {t('units.peopleCountValue', { count: unit.peopleCount, subtree: unit.subtreePeopleCount })}
              </Link>
            ),
          },
          { key: 'children', label: t('units.childCount'), children: unit.childCount },
          { key: 'sort', label: t('units.sortOrder'), children: unit.sortOrder },
          {
            key: 'status',
            label: t('units.status'),
            children: unit.active ? (
              <Tag color="green">{t('units.active')}</Tag>
            ) : (
              <Tag>{t('units.inactive')}</Tag>
            ),
          },
        ]}
      />
      {actions || <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('units.readOnly')} />}
      <UnitFormModal
        open={dialog === 'child'}
        parent={{ id: unit.id, name: unit.name }}
        onClose={(createdId) => {
          setDialog(null);
          if (createdId) onSelect(createdId);
        }}
      />
      <UnitFormModal
        open={dialog === 'edit'}
        unit={unit}
        key={`edit-${unit.version}`}
        onClose={() => setDialog(null)}
      />
      {dialog === 'move' && <UnitMoveModal unit={unit} open onClose={() => setDialog(null)} />}
      {dialog === 'leaders' && <UnitLeadersModal unit={unit} open onClose={() => setDialog(null)} />}
    </Card>
  );
}
