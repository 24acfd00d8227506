import { useMutation, useQueryClient } from '@tanstack/react-query';

/** Every handling list lives under this key. */
export const handlingQueryKey = ['handling'] as const;

/**
 * A handling action: afterwards the message (its page, the public page, the
 * lists of messages) and every handling list and count are fetched again.
 */
export function useHandlingMutation<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: ['messages'] }), queryClient.invalidateQueries({ queryKey: handlingQueryKey })]),
  });
}
