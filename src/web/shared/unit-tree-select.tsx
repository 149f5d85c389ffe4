import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUnitTree, toTreeOptions, type UnitNode, useUnits } from './units';

type UnitTreeSelectProps = {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  includeInactive?: boolean;
  disable?: (unit: UnitNode) => boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
};

/** Picks one unit from the tree the user may see; searchable by name. */
export function UnitTreeSelect(props: UnitTreeSelectProps) {
  const { t } = useTranslation();
  const units = useUnits(props.includeInactive ?? false);
  const treeData = useMemo(
    () => toTreeOptions(buildUnitTree(units.data ?? []), props.disable, t('units.inactiveSuffix')),
    [units.data, props.disable, t],
  );
  return (
    <TreeSelect
      data-testid={props['data-testid']}
      value={props.value ?? undefined}
      onChange={(value) => props.onChange?.(value ?? undefined)}
      treeData={treeData}
      loading={units.isPending}
      placeholder={props.placeholder ?? t('units.choose')}
      allowClear={props.allowClear}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      style={props.style ?? { width: '100%' }}
    />
  );
}
