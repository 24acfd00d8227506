import { api } from '../../../lib/api-client';
import type { ExtensionRequest } from './get-extensions';
import { useHandlingMutation } from './use-handling-mutation';

/** 审批延期: approve (the reply deadlines of the chain move) or refuse. */
export function decideExtension({ requestId, approve, note }: { requestId: number; approve: boolean; note?: string }): Promise<ExtensionRequest> {
  return api.post<ExtensionRequest>(`/extension-requests/${requestId}/decision`, { approve, note });
}

export const useDecideExtension = () => useHandlingMutation(decideExtension);
