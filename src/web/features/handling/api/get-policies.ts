import { useQuery } from '@tanstack/react-query';
import type { HandlingClass } from '../../../../shared/handling';
import { api } from '../../../lib/api-client';
import { handlingQueryKey } from './use-handling-mutation';

/** The national default region. */
export const NATIONAL_REGION = '000000';

/** Deadlines for one region and handling class, in working days (handling.schemas.ts, `DeadlinePolicy`). */
export interface DeadlinePolicy {
  regionCode: string;
  regionName: string;
  handlingClass: HandlingClass;
  signDays: number;
  contactDays: number;
  replyDays: number;
  maxExtensionDays: number;
  updatedAt: string;
}

export const policiesQueryKey = [...handlingQueryKey, 'policies'] as const;

export function fetchPolicies(): Promise<DeadlinePolicy[]> {
  return api.get<DeadlinePolicy[]>('/deadline-policies');
}

export function usePolicies() {
  return useQuery({ queryKey: policiesQueryKey, queryFn: fetchPolicies });
}
