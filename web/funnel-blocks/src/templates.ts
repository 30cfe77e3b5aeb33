import { blockDefaults } from './defaults';
import type { Block, PageDocument } from './schema';

/**
 * Page templates a new page starts from: documents valid under the schema (tested), built from the block defaults
 * with copy patterns the operator rewrites for the offer. CTAs lead to the page's next page, so wiring the funnel's
 * pages in order is all a new funnel needs.
 */
export const PAGE_TEMPLATE_KEYS = [
  'lead_capture',
  'thank_you',
  'sales',
  'webinar',
  'book_call',
  'blank',
] as const;
export type PageTemplateKey = (typeof PAGE_TEMPLATE_KEYS)[number];

export interface PageTemplate {
  key: PageTemplateKey;
  name: string;
  description: string;
  suggestedSlug: string;
  build(options?: { now?: Date; title?: string }): PageDocument;
}

const page = (title: string, description: string, content: Block[]): PageDocument => ({
  root: { props: { title, description, ogImage: null, favicon: null } },
  content,
  zones: {},
});

export const PAGE_TEMPLATES: readonly PageTemplate[] = [
  {
    key: 'lead_capture',
    name: 'Lead capture',
    description: 'A promise, three reasons, a short form and social proof.',
    suggestedSlug: 'start',
    build: ({ now, title } = {}) => {
      const d = blockDefaults(now);
      return page(title ?? 'Get the free guide', 'A short, practical guide you can use this week.', [
        { type: 'Hero', props: { id: 'hero', ...d.Hero, ctaLabel: '', ctaTarget: null } },
        {
          type: 'RichText',
          props: {
            id: 'benefits',
            text: 'Inside the guide you will find:\n- **The three mistakes** that cost the most, and how to avoid them\n- A checklist you can use in ten minutes\n- Real examples from people who started where you are',
          },
        },
        { type: 'LeadForm', props: { id: 'form', ...d.LeadForm } },
        { type: 'Testimonials', props: { id: 'proof', ...d.Testimonials } },
        { type: 'Footer', props: { id: 'footer', ...d.Footer } },
      ]);
    },
  },
  {
    key: 'thank_you',
    name: 'Thank you',
    description: 'Confirms the sign-up and says what happens next.',
    suggestedSlug: 'thank-you',
    build: ({ now, title } = {}) => {
      const d = blockDefaults(now);
      return page(title ?? 'Thank you', 'Your request is confirmed.', [
        {
          type: 'Hero',
          props: {
            id: 'hero',
            ...d.Hero,
            eyebrow: 'You are in',
            headline: 'Thank you! Check your inbox',
            subheadline: 'We have just sent you an email. It should arrive within a few minutes.',
            ctaLabel: '',
            ctaTarget: null,
          },
        },
        {
          type: 'RichText',
          props: {
            id: 'next-steps',
            text: 'What happens next:\n- Open the email from us and confirm your address\n- Add us to your contacts so nothing lands in spam\n- Reply to the email with any question, a real person answers',
          },
        },
        { type: 'Footer', props: { id: 'footer', ...d.Footer } },
      ]);
    },
  },
  {
    key: 'sales',
    name: 'Sales page',
    description: 'Headline, story, video, offer with prices, proof, deadline and questions.',
    suggestedSlug: 'offer',
    build: ({ now, title } = {}) => {
      const d = blockDefaults(now);
      return page(title ?? 'The complete programme', 'Everything you need, with a 30-day guarantee.', [
        {
          type: 'Hero',
          props: {
            id: 'hero',
            ...d.Hero,
            eyebrow: 'Limited offer',
            headline: 'Everything you need to get results, in one place',
            subheadline:
              'The step-by-step programme, the templates and the support, with a 30-day money-back guarantee.',
            ctaLabel: 'See the plans',
          },
        },
        { type: 'VideoEmbed', props: { id: 'video', ...d.VideoEmbed } },
        {
          type: 'RichText',
          props: {
            id: 'story',
            text: 'You have tried the quick fixes. They did not last, because **nobody gave you a system**.\n\nThis programme does. Each week builds on the last, and you can see your progress from the first day.',
          },
        },
        { type: 'OfferPricing', props: { id: 'pricing', ...d.OfferPricing } },
        { type: 'Testimonials', props: { id: 'proof', ...d.Testimonials } },
        { type: 'Countdown', props: { id: 'deadline', ...d.Countdown } },
        { type: 'Faq', props: { id: 'faq', ...d.Faq } },
        { type: 'Footer', props: { id: 'footer', ...d.Footer } },
      ]);
    },
  },
  {
    key: 'webinar',
    name: 'Webinar registration',
    description: 'Date and time, what attendees learn, a registration form.',
    suggestedSlug: 'register',
    build: ({ now, title } = {}) => {
      const d = blockDefaults(now);
      return page(title ?? 'Free live training', 'Save your seat for the free live training.', [
        {
          type: 'Hero',
          props: {
            id: 'hero',
            ...d.Hero,
            eyebrow: 'Free live training',
            headline: 'Learn the method in 45 minutes, live',
            subheadline: 'Bring your questions: the last 15 minutes are open Q&A.',
            ctaLabel: '',
            ctaTarget: null,
          },
        },
        {
          type: 'Countdown',
          props: { id: 'starts', ...d.Countdown, label: 'Starts', expiredText: 'The training has started' },
        },
        {
          type: 'RichText',
          props: {
            id: 'agenda',
            text: 'In this training:\n- The one change that makes the biggest difference\n- A live walk-through of a real example\n- The plan to follow in your first 30 days',
          },
        },
        {
          type: 'LeadForm',
          props: { id: 'form', ...d.LeadForm, heading: 'Save your seat', submitLabel: 'Register for free' },
        },
        {
          type: 'Faq',
          props: {
            id: 'faq',
            ...d.Faq,
            items: [
              {
                question: 'Is there a replay?',
                answer: 'Yes. Everyone who registers gets the replay by email.',
              },
              { question: 'How long is it?', answer: 'About 45 minutes, plus questions.' },
            ],
          },
        },
        { type: 'Footer', props: { id: 'footer', ...d.Footer } },
      ]);
    },
  },
  {
    key: 'book_call',
    name: 'Book a call',
    description: 'A consultation request with phone number and a short message.',
    suggestedSlug: 'book-a-call',
    build: ({ now, title } = {}) => {
      const d = blockDefaults(now);
      return page(title ?? 'Book a free consultation', 'Talk to an expert about your situation, free.', [
        {
          type: 'Hero',
          props: {
            id: 'hero',
            ...d.Hero,
            eyebrow: 'Free consultation',
            headline: 'Talk to an expert about your situation',
            subheadline: 'A 20-minute call to see whether we are the right fit. No pressure, no obligation.',
            ctaLabel: '',
            ctaTarget: null,
          },
        },
        {
          type: 'LeadForm',
          props: {
            id: 'form',
            ...d.LeadForm,
            heading: 'Request your call',
            fields: [
              { name: 'full_name', label: 'Name', type: 'text', required: true },
              { name: 'email', label: 'Email', type: 'email', required: true },
              { name: 'phone', label: 'Phone', type: 'tel', required: true },
              {
                name: 'message',
                label: 'What would you like to talk about?',
                type: 'textarea',
                required: false,
              },
            ],
            submitLabel: 'Request my call',
          },
        },
        { type: 'Testimonials', props: { id: 'proof', ...d.Testimonials } },
        { type: 'Footer', props: { id: 'footer', ...d.Footer } },
      ]);
    },
  },
  {
    key: 'blank',
    name: 'Blank',
    description: 'A title and nothing else.',
    suggestedSlug: 'page',
    build: ({ title } = {}) => page(title ?? 'New page', '', []),
  },
];

export function pageTemplate(key: PageTemplateKey): PageTemplate {
  const template = PAGE_TEMPLATES.find((t) => t.key === key);
  if (!template) throw new Error(`unknown page template ${key}`);
  return template;
}
