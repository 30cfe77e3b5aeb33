import type { BlockPropsOf, BlockType, ImageRef } from './schema';

export type BlockDefaults = { [T in BlockType]: Omit<BlockPropsOf<T>, 'id'> };

/** A neutral inline image (no request) a new Image block shows until the operator uploads one. */
export const PLACEHOLDER_IMAGE: ImageRef = {
  mediaId: null,
  src: `data:image/svg+xml,${encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675"><rect width="1200" height="675" fill="#e5e7eb"/><path d="M520 400l80-100 80 100z" fill="#9ca3af"/><circle cx="690" cy="290" r="30" fill="#9ca3af"/></svg>',
  )}`,
  alt: '',
  width: 1200,
  height: 675,
};

/**
 * The props a new block starts with (valid under the block's schema; tested). Countdowns end a week after `now`, so
 * this is a function rather than a constant.
 */
export function blockDefaults(now: Date = new Date()): BlockDefaults {
  const inAWeek = new Date(now.getTime() + 7 * 24 * 3600 * 1000);
  inAWeek.setUTCHours(23, 59, 0, 0);
  return {
    Hero: {
      eyebrow: 'Free guide',
      headline: 'Get the results you want without the guesswork',
      subheadline: 'A short, practical plan you can put to work this week.',
      image: null,
      ctaLabel: 'Get started',
      ctaTarget: { kind: 'next' },
      align: 'center',
    },
    RichText: {
      text: 'Most people give up because nobody showed them **what actually works**.\n\nHere is what you get:\n- A clear, step-by-step plan\n- Examples you can copy\n- Answers to the questions everyone asks',
    },
    Image: { image: PLACEHOLDER_IMAGE, caption: '' },
    VideoEmbed: { provider: 'youtube', videoId: 'aqz-KE-bpKQ', title: 'Watch the two-minute overview' },
    Button: { label: 'Continue', target: { kind: 'next' }, variant: 'primary' },
    LeadForm: {
      heading: 'Where should we send it?',
      fields: [
        { name: 'first_name', label: 'First name', type: 'text', required: true },
        { name: 'email', label: 'Email', type: 'email', required: true },
      ],
      submitLabel: 'Send it to me',
      consentText: '',
      consentRequired: false,
      successTarget: null,
    },
    OfferPricing: {
      offerId: null,
      heading: 'Choose your plan',
      description: 'Everything you need to get started, with a 30-day money-back guarantee.',
      bullets: ['Full access from day one', 'Cancel any time', 'Support by email'],
      pricePoints: [{ label: 'Monthly', amountMinor: 4900, currency: 'USD', interval: 'month', note: '' }],
      ctaLabel: 'Start now',
      ctaTarget: { kind: 'next' },
    },
    Testimonials: {
      heading: 'What customers say',
      items: [
        { quote: 'Clear, practical and worth every minute.', name: 'Sam R.', role: 'Customer since 2024' },
        { quote: 'I saw a difference in the first week.', name: 'Alex P.', role: 'Small business owner' },
      ],
    },
    Faq: {
      heading: 'Questions',
      items: [
        { question: 'How do I get access?', answer: 'Right after you sign up, by email.' },
        { question: 'Can I cancel?', answer: 'Yes, any time, with one click.' },
      ],
    },
    Countdown: { label: 'Offer ends', endsAt: inAWeek.toISOString(), expiredText: 'This offer has ended' },
    Footer: { text: `© ${now.getUTCFullYear()} All rights reserved.`, links: [] },
  };
}
