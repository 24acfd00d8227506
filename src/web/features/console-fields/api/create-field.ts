import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Field } from '../../../lib/api/get-fields';
import { api } from '../../../lib/api-client';

export interface CreateFieldInput {
  code: string;
  nameZh: string;
  nameTw: string;
  nameEn: string;
  sort?: number;
}

export function createField(input: CreateFieldInput): Promise<Field> {
  return api.post<Field>('/fields', input);
}

export function useCreateField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createField,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['fields'] }),
  });
}
