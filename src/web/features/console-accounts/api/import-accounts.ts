import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const CSV_HEADER = 'login,password,displayName,unitId,roles,mobile';

/** All or nothing: a 422 lists every bad cell in `errors[]` and creates no account. */
export function importAccounts(csv: string): Promise<{ created: number }> {
  return api.post<{ created: number }>('/accounts/import', { csv });
}

export function useImportAccounts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importAccounts,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      void queryClient.invalidateQueries({ queryKey: ['units'] });
    },
  });
}

export interface CsvCellError {
  key: number;
  line: number | null;
  column: string | null;
  message: string;
}

/** Reads the server's `field: 'csv[line].column'` into a table row. */
export function toCsvCellError(field: string, message: string, key: number): CsvCellError {
  const match = /^\/?csv\[(\d+)\](?:\.(\w+))?$/.exec(field);
  return { key, line: match?.[1] ? Number(match[1]) : null, column: match?.[2] ?? null, message };
}
