import { Switch } from 'antd';
import { useId } from 'react';
import { useT } from '../lib/i18n';
import { usePreferences } from '../lib/preferences';

/** 适老化: large type, high contrast and big targets, remembered on this device. */
export function ElderlyToggle() {
  const t = useT();
  const { elderly, setElderly } = usePreferences();
  const id = useId();
  return (
    <span className="elderly-toggle">
      <label htmlFor={id}>{t('prefs.elderly')}</label>
      <Switch id={id} size="small" checked={elderly} onChange={setElderly} data-testid="elderly-toggle" />
    </span>
  );
}
