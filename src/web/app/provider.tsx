import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale as AntLocale } from 'antd/es/locale';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import zhTW from 'antd/locale/zh_TW';
import { useState, type ReactNode } from 'react';
import type { Locale } from '../../shared/domain';
import { meQueryKey } from '../lib/api/get-me';
import { isApiError } from '../lib/api-client';
import { PreferencesProvider, usePreferences } from '../lib/preferences';
import { themeFor } from './theme';

const antdLocales: Record<Locale, AntLocale> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en: enUS };

function makeQueryClient(): QueryClient {
  // A 401 anywhere means the session ended (expired, logged out in another tab): ask who we are
  // again, so the layouts show the login instead of a page of errors.
  const onError = (error: unknown) => {
    if (isApiError(error) && error.status === 401) void client.invalidateQueries({ queryKey: meQueryKey });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not change by asking again.
        retry: (failures, error) => failures < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
    },
  });
  return client;
}

function ThemedApp({ children }: { children: ReactNode }) {
  const { locale, elderly } = usePreferences();
  return (
    <ConfigProvider
      locale={antdLocales[locale]}
      theme={themeFor(elderly)}
      // "登录", not "登 录": the inserted space splits words for screen readers and looks odd in buttons.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <PreferencesProvider>
        <ThemedApp>{children}</ThemedApp>
      </PreferencesProvider>
    </QueryClientProvider>
  );
}
