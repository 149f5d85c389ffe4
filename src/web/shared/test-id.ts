import type { ButtonProps } from 'antd';

/**
 * `data-testid` for the OK button of a modal. React passes data-* attributes through, but
 * ButtonProps does not declare them, hence the cast.
 */
export function okButtonTestId(id: string, extra: ButtonProps = {}): ButtonProps {
  return { ...extra, ...({ 'data-testid': id } as ButtonProps) };
}
