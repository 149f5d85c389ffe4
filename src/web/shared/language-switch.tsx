import { useQueryClient } from '@tanstack/react-query';
import { App, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../app/api-client';
import { applyLang, currentLang, type Lang } from '../app/i18n';

/**
 * 中文 / English. The server keeps the choice in a cookie so its messages and exports follow;
 * every cached answer is then fetched again in the new language.
 */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const client = useQueryClient();
  const { message } = App.useApp();
  const change = async (lang: Lang) => {
    try {
      await api('/auth/language', { method: 'POST', body: { lang }, quietAuth: true });
    } catch (error) {
      if (error instanceof ApiError) message.error(error.message);
      return;
    }
    await applyLang(lang);
    await client.invalidateQueries();
  };
  return (
    <Segmented<Lang>
      data-testid="language-switch"
      size="small"
      value={i18n.language === 'en' ? 'en' : currentLang()}
      onChange={(lang) => void change(lang)}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}
