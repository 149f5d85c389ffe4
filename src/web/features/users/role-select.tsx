import { Select } from 'antd';
import { canGrantRole, type Permission, type Role } from '../../../core/access/roles';
import { useSession } from '../../app/session';
import { useDictionaries, useLabels } from '../../shared/dictionaries';

type RoleSelectProps = {
  value?: Role;
  onChange?: (role: Role) => void;
  style?: React.CSSProperties;
  'data-testid'?: string;
};

/** The roles this user may hand out: none that carries a permission they lack (the server checks too). */
export function RoleSelect(props: RoleSelectProps) {
  const session = useSession();
  const dictionaries = useDictionaries();
  const { role } = useLabels();
  const held = new Set<Permission>(session.permissions);
  const options = (dictionaries.data?.roles ?? [])
    .filter((r) => canGrantRole(held, r))
    .map((r) => ({ value: r, label: role(r) }));
  return (
    <Select
      data-testid={props['data-testid']}
      value={props.value}
      onChange={props.onChange}
      options={options}
      style={props.style ?? { width: '100%' }}
    />
  );
}
