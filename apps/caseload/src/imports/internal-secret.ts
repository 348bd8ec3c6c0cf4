import { loadServiceConfig } from '@jembatan/service-kit';

/** The secret the gateway signs bulk HTTP calls with (INTERNAL_SECRET). */
export const CASELOAD_INTERNAL_SECRET = Symbol('CASELOAD_INTERNAL_SECRET');

export const internalSecretProvider = {
  provide: CASELOAD_INTERNAL_SECRET,
  useFactory: () => loadServiceConfig('caseload').INTERNAL_SECRET,
};
