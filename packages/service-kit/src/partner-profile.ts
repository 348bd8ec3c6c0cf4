import type { FieldError, PartnerProfileInput } from '@jembatan/contracts';
import type { RegionDirectory } from '@jembatan/regions';

/**
 * Region codes of a partner profile that idn-area-data does not know. The gateway checks them
 * before it creates a self-registering partner's account; partners checks them on every edit.
 */
export function partnerProfileProblems(
  regions: RegionDirectory,
  profile: PartnerProfileInput,
  /** Where the profile sits in the request body ('' when it is the body). */
  prefix = 'profile',
): FieldError[] {
  const at = (path: string) => (prefix ? `${prefix}.${path}` : path);
  const problems: FieldError[] = [];
  profile.serviceArea.forEach((code, index) => {
    if (!regions.has(code))
      problems.push({
        path: at(`serviceArea.${index}`),
        message: 'is not a region in idn-area-data',
      });
  });
  if (!regions.has(profile.location.villageCode, 'village'))
    problems.push({
      path: at('location.villageCode'),
      message: 'is not a village in idn-area-data',
    });
  return problems;
}
