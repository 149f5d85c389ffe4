import { Card } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch';

/** The centred card of the sign-in and password pages, outside the menu layout. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(180deg, #1f5fa6 0, #1f5fa6 38vh, #f0f2f5 38vh)',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        paddingTop: '12vh',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      {/* A plain heading: Typography would add ~19 kB gzip to the sign-in page. */}
      <h1
        style={{ color: '#fff', margin: '0 16px 24px', fontSize: 30, fontWeight: 600, textAlign: 'center' }}
      >
        {t('app.name')}
      </h1>
      <Card style={{ width: 400, maxWidth: '92vw' }} title={title}>
        {children}
      </Card>
    </div>
  );
}
