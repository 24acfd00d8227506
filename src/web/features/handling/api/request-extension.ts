import { api } from '../../../lib/api-client';
import type { ExtensionRequest } from './get-extensions';
import { useHandlingMutation } from './use-handling-mutation';

/** 申请延期 of the reply deadline, in working days. */
export function requestExtension({ assignmentId, days, reason }: { assignmentId: number; days: number; reason: string }): Promise<ExtensionRequest> {
  return api.post<ExtensionRequest>(`/assignments/${assignmentId}/extension-requests`, { days, reason });
}

export const useRequestExtension = () => useHandlingMutation(requestExtension);
