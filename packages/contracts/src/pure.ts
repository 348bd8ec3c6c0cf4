// Values without zod, for the portal's first screens: importing the package's root brings zod
// (about 50 KB gzipped) into a phone's first download; these modules bring nothing else.
export * from './training/p2k2-catalogue.js';
export * from './training/village-time.js';
export * from './caseload/business-kinds.js';
export * from './partners/partner-kinds.js';
export * from './partners/offer-kinds.js';
export * from './caseload/stages.js';
