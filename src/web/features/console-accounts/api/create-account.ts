import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StaffRole } from '../../../../shared/permissions';
import { api } from '../../../lib/api-client';
import type { StaffAccount } from './get-accounts';

export interface CreateAccountInput {
  login: string;
  password: string;
  displayName: string;
  unitId: number;
  roles: StaffRole[];
  mobile?: string;
}

export function createAccount(input: CreateAccountInput): Promise<StaffAccount> {
  return api.post<StaffAccount>('/accounts', input);
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccount,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      void queryClient.invalidateQueries({ queryKey: ['units'] });
    },
  });
}
