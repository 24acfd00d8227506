import { Button } from 'antd';
import { LOCALES } from '../../shared/domain';
import { useT } from '../lib/i18n';
import { usePreferences } from '../lib/preferences';

/** 简体 / 繁體 / English. Each name is written in its own language and marked with its lang. */
export function LanguageSwitch() {
  const t = useT();
  const { locale, setLocale } = usePreferences();
  return (
    <div role="group" aria-label={t('prefs.language')} className="language-switch" data-testid="language-switch">
      {LOCALES.map((code) => (
        <Button
          key={code}
          size="small"
          type={code === locale ? 'primary' : 'text'}
          lang={code}
          aria-pressed={code === locale}
          data-testid={`language-${code}`}
          onClick={() => setLocale(code)}
        >
          {t(`lang.${code}`)}
        </Button>
      ))}
    </div>
  );
}
