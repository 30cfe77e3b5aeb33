import { blockDefaults } from '../src/defaults';
import type { Block, BlockType, PageDocument } from '../src/schema';

export const PUBLICATION_ID = '8d0b7c8e-2f7a-4c3e-9a51-1f6f0d7a3b01';
export const PAGE_ID = '3a1c5e7f-9b2d-4e6f-8a0b-2c4d6e8f0a12';
export const THANKS_ID = '5b2d6f80-1c3e-4f5a-9b7c-3d5e7f9a1b23';
export const VARIANT_ID = '7c3e8091-2d4f-4a6b-8c9d-4e6f8a0b2c34';
export const MEDIA_ID = '9d4f90a2-3e5a-4b7c-9dae-5f7a9b1c3d45';
export const OFFER_ID = 'ae5a01b3-4f6b-4c8d-8ebf-6a8b0c2d4e56';

/** A page with every block type, some with the interesting options switched on. */
export function everyBlockDocument(now = new Date('2026-12-01T10:00:00Z')): PageDocument {
  const d = blockDefaults(now);
  const blocks: Block[] = [
    {
      type: 'Hero',
      props: {
        id: 'hero-1',
        ...d.Hero,
        image: {
          mediaId: MEDIA_ID,
          src: `/media/${MEDIA_ID}`,
          alt: 'Product shot',
          width: 1200,
          height: 800,
        },
        ctaTarget: { kind: 'page', pageId: THANKS_ID },
      },
    },
    {
      type: 'RichText',
      props: {
        id: 'text-1',
        text: 'Plain **bold** and *italic* and a [link](https://example.com/x).\n\n- one\n- two **strong**\n\n<script>alert(1)</script> stays text',
      },
    },
    { type: 'Image', props: { id: 'image-1', ...d.Image, caption: 'A caption' } },
    { type: 'VideoEmbed', props: { id: 'video-1', ...d.VideoEmbed } },
    { type: 'Button', props: { id: 'button-1', ...d.Button } },
    {
      type: 'LeadForm',
      props: {
        id: 'form-1',
        ...d.LeadForm,
        fields: [
          ...d.LeadForm.fields,
          { name: 'message', label: 'Message', type: 'textarea', required: false },
        ],
        consentText: 'I agree to be contacted.',
        consentRequired: true,
      },
    },
    {
      type: 'OfferPricing',
      props: {
        id: 'offer-1',
        ...d.OfferPricing,
        offerId: OFFER_ID,
        pricePoints: [
          {
            label: 'Monthly',
            amountMinor: 4900,
            currency: 'USD',
            interval: 'month',
            note: 'Cancel any time',
          },
          { label: 'Lifetime', amountMinor: 39000, currency: 'EUR', interval: 'once', note: '' },
          { label: 'Yearly', amountMinor: 50000, currency: 'JPY', interval: 'year', note: '' },
        ],
      },
    },
    { type: 'Testimonials', props: { id: 'testimonials-1', ...d.Testimonials } },
    { type: 'Faq', props: { id: 'faq-1', ...d.Faq } },
    { type: 'Countdown', props: { id: 'countdown-1', ...d.Countdown } },
    {
      type: 'Footer',
      props: {
        id: 'footer-1',
        ...d.Footer,
        links: [{ label: 'Privacy', url: 'https://example.com/privacy' }],
      },
    },
  ];
  const covered = new Set<BlockType>(blocks.map((b) => b.type));
  if (covered.size !== 11) throw new Error('the fixture must cover every block type');
  return {
    root: {
      props: { title: 'Every block', description: 'A page with every block', ogImage: null, favicon: null },
    },
    content: blocks,
    zones: {},
  };
}
