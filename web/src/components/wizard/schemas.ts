// worker-api's package exports do not list ./schemas/* yet, so the client-safe (zod-only) modules are imported by
// path; the boundary test still holds: nothing here pulls server code into the bundle.
export { ClientCreate } from '../../../../worker-api/src/schemas/clients';
export { OfferCreate, PricePoint } from '../../../../worker-api/src/schemas/offers';
export { BUSINESS_TYPES, OnboardingIntake } from '../../../../worker-api/src/schemas/onboarding';
