import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Field } from '../../../lib/api/get-fields';
import { api } from '../../../lib/api-client';

export type UpdateFieldInput = Partial<Pick<Field, 'nameZh' | 'nameTw' | 'nameEn' | 'sort' | 'active'>>;

export function updateField({ code, input }: { code: string; input: UpdateFieldInput }): Promise<Field> {
  return api.patch<Field>(`/fields/${encodeURIComponent(code)}`, input);
}

export function useUpdateField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateField,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['fields'] }),
  });
}
