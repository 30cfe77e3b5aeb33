// The client-safe (zod-only) API input schemas the wizard validates against, by package name.
export { ClientCreate } from '@mos/worker-api/schemas/clients';
export { OfferCreate, PricePoint } from '@mos/worker-api/schemas/offers';
export { BUSINESS_TYPES, OnboardingIntake } from '@mos/worker-api/schemas/onboarding';
