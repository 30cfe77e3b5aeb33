import type { ClientCanon } from '@mos/db/artifacts';
import { describe, expect, it } from 'vitest';
import {
  type ComplianceInput,
  checkAsset,
  checkCompliance,
  disclosesRenewal,
  type PolicyScope,
  policyIssues,
  substantiatedClaimsOf,
} from '../src/compliance';

type Over = Partial<Omit<ComplianceInput, 'context'>> & { context?: Partial<ComplianceInput['context']> };

const input = (text: string, over: Over = {}): ComplianceInput => ({
  text,
  field: over.field ?? 'primary_text',
  language: over.language ?? 'en',
  vertical: over.vertical ?? 'other',
  platform: over.platform ?? 'meta',
  context: { subscription: false, specialAdCategory: null, substantiatedClaims: [], ...over.context },
});
const categories = (text: string, over: Over = {}) => [
  ...new Set(checkCompliance(input(text, over)).map((f) => f.category)),
];

/** Each class of wording generalised from the independently written red-team set: a violation and near-misses. */
const CLASSES: {
  name: string;
  category: string;
  violating: [string, Over][];
  compliant: [string, Over][];
}[] = [
  {
    name: 'deadlines: pressure vs. a real end date',
    category: 'false_urgency',
    violating: [
      ['Only until Thursday, then it is gone.', { vertical: 'ecommerce' }],
      ['Nur noch bis Montag!', { language: 'de', vertical: 'ecommerce' }],
      ['Enrolment closes tonight.', { vertical: 'coaching' }],
    ],
    compliant: [
      ['Winter sale ends Sunday: 30% off boots', { field: 'headline', vertical: 'ecommerce' }],
      ['Winteraktion endet am Sonntag: 30 % auf Stiefel', { language: 'de', vertical: 'ecommerce' }],
      ['Applications close on 20 June.', { vertical: 'recruiting' }],
      ['Enrolment closes Thursday, 4 September', { vertical: 'coaching' }],
    ],
  },
  {
    name: 'act within the hour, perpetual timers',
    category: 'false_urgency',
    violating: [
      ['Order in the next hour and save 10%.', { vertical: 'ecommerce' }],
      ['Fees rise tomorrow, so lock in your plan now.', { vertical: 'finance' }],
      ['This price disappears once you close this page.', { vertical: 'coaching' }],
      ['Only for the next 20 visitors: half off the course.', { vertical: 'coaching' }],
      ['Das Angebot verschwindet, sobald du die Seite schließt.', { language: 'de', vertical: 'coaching' }],
    ],
    compliant: [
      ['Our team answers within the next hour.', { vertical: 'b2b_saas' }],
      ['Your basket stays saved when you close the page.', { vertical: 'ecommerce' }],
    ],
  },
  {
    name: 'disclaimer sentences are not claims',
    category: 'health_claims',
    violating: [['Heals eczema overnight. Results may vary.', { vertical: 'skincare' }]],
    compliant: [
      [
        'These statements have not been evaluated by the Food and Drug Administration. This product is not intended to diagnose, treat, cure or prevent any disease.',
        { field: 'landing_page', vertical: 'supplements' },
      ],
    ],
  },
  {
    name: 'before/after of bodies, not of things; day markers in visuals',
    category: 'before_after',
    violating: [
      [
        'Before and after photos of her skin after six weeks',
        { field: 'image_prompt', vertical: 'skincare' },
      ],
      [
        "Shot 1: red, flaky cheeks, caption 'Day 1'. Shot 2: the same cheeks, calm, caption 'Day 14'.",
        { field: 'script', vertical: 'skincare' },
      ],
    ],
    compliant: [
      [
        'Before and after photo of a home office: tangled cables, then a tidy desk',
        { field: 'image_prompt' },
      ],
      ['Vorher-Nachher-Fotos des Wohnzimmers nach dem Umzug', { field: 'image_prompt', language: 'de' }],
      ["Caption 'Day 1': the box arrives. Caption 'Day 30': the refill ships.", { field: 'script' }],
    ],
  },
  {
    name: 'wealth imagery and earnings statements; job-ad earnings promises',
    category: 'income_claims',
    violating: [
      [
        'Young woman tossing cash into the air in a penthouse',
        { field: 'image_prompt', vertical: 'coaching' },
      ],
      [
        '[0-2s] Bank statement showing $31,000 deposited. VO: "Last month."',
        { field: 'script', vertical: 'coaching' },
      ],
      ['Mentor leaning on a Ferrari outside a villa', { field: 'image_prompt', vertical: 'coaching' }],
      [
        'Earn $9,000 a month from day one as an ambassador.',
        { vertical: 'recruiting', context: { specialAdCategory: 'employment' } },
      ],
      [
        'Als Quereinsteiger 9.000 € im Monat verdienen.',
        { language: 'de', vertical: 'recruiting', context: { specialAdCategory: 'employment' } },
      ],
    ],
    compliant: [
      ['Red sports car on a coastal road', { field: 'image_prompt', vertical: 'other' }],
      ['Villa with a pool and a sea view, golden hour', { field: 'image_prompt', vertical: 'real_estate' }],
      [
        'Earn $19 an hour from day one, with paid training.',
        { vertical: 'recruiting', context: { specialAdCategory: 'employment' } },
      ],
      [
        'Quereinsteiger willkommen: 2.900 € brutto im Monat.',
        { language: 'de', vertical: 'recruiting', context: { specialAdCategory: 'employment' } },
      ],
      [
        'Loans from $3,000 to $45,000. APR 7.5%-21.9%. Subject to credit approval.',
        { vertical: 'finance', context: { specialAdCategory: 'credit' } },
      ],
    ],
  },
  {
    name: 'who is wanted: sex, source of income, occupation',
    category: 'special_ad_category',
    violating: [
      [
        'Seeking cheerful young girls for our reception desk.',
        { vertical: 'recruiting', context: { specialAdCategory: 'employment' } },
      ],
      [
        'Sunny one-bed flat. No Section 8, professionals only.',
        { vertical: 'real_estate', context: { specialAdCategory: 'housing' } },
      ],
      [
        'Helle 2-Zimmer-Wohnung, kein Jobcenter.',
        { language: 'de', vertical: 'real_estate', context: { specialAdCategory: 'housing' } },
      ],
    ],
    compliant: [
      [
        "Hiring for our men's barbershop: two stylists.",
        { vertical: 'recruiting', context: { specialAdCategory: 'employment' } },
      ],
      [
        'Housing vouchers accepted; all applicants welcome.',
        { vertical: 'real_estate', context: { specialAdCategory: 'housing' } },
      ],
      [
        'Darlehen bis 50.000 €, Bonität vorausgesetzt.',
        { language: 'de', vertical: 'finance', context: { specialAdCategory: 'credit' } },
      ],
    ],
  },
  {
    name: 'targeting and exclusion wording under a special ad category',
    category: 'special_ad_category',
    violating: [
      [
        'Audience: men 21-35 near the depot.',
        { vertical: 'recruiting', context: { specialAdCategory: 'employment' } },
      ],
      [
        'Exclude people over 60 from this card offer.',
        { vertical: 'finance', context: { specialAdCategory: 'credit' } },
      ],
      [
        'Zielgruppe: Frauen 30–45, PLZ 80331.',
        { language: 'de', vertical: 'real_estate', context: { specialAdCategory: 'housing' } },
      ],
    ],
    compliant: [
      [
        'Audience for this role: certified electricians.',
        { vertical: 'recruiting', context: { specialAdCategory: 'employment' } },
      ],
    ],
  },
  {
    name: 'offers that vanish per visitor',
    category: 'false_urgency',
    violating: [
      ['Only available while this page is open.', { vertical: 'coaching' }],
      ["You'll never get this deal again once you leave.", { vertical: 'coaching' }],
      ['Diesen Preis siehst du nur einmal.', { language: 'de', vertical: 'coaching' }],
    ],
    compliant: [
      ['Offer valid through 15 May 2026.', { vertical: 'ecommerce' }],
      ['Replies come in while the webinar is running.', { vertical: 'coaching' }],
    ],
  },
  {
    name: 'wealth milestones as the outcome',
    category: 'income_claims',
    violating: [
      ['She made her first million at 29 with this method.', { field: 'hook', vertical: 'coaching' }],
      ['Mit 35 finanziell frei, so wie unsere Kunden.', { language: 'de', vertical: 'coaching' }],
    ],
    compliant: [['Our first million orders shipped this year.', { vertical: 'ecommerce' }]],
  },
  {
    name: "the reader's body or credit score",
    category: 'personal_attributes',
    violating: [
      ['Fed up with being overweight?', { field: 'hook', vertical: 'fitness' }],
      ['Curvy and self-conscious at the beach?', { field: 'hook', vertical: 'ecommerce' }],
      ['Your credit score is 540? We can still help.', { vertical: 'finance' }],
    ],
    compliant: [
      ['Fed up with slow invoices? Automate them.', { field: 'hook', vertical: 'b2b_saas' }],
      ['A score of 720 is generally considered good.', { field: 'landing_page', vertical: 'finance' }],
    ],
  },
  {
    name: 'price and national superlatives',
    category: 'unsubstantiated_superlatives',
    violating: [
      ['The cheapest phone plans, full stop.', { field: 'headline' }],
      ['The friendliest bank in Germany', { field: 'headline', vertical: 'finance' }],
    ],
    compliant: [
      ['Our best price of the year.', { vertical: 'ecommerce' }],
      ['Find the plan that costs you the least.', { vertical: 'ecommerce' }],
    ],
  },
];

describe('rule classes generalised from the red-team set', () => {
  for (const c of CLASSES) {
    it(`${c.name}: flags the violations under ${c.category}`, () => {
      for (const [text, over] of c.violating) expect(categories(text, over), text).toContain(c.category);
    });
    it(`${c.name}: leaves the near-misses alone`, () => {
      for (const [text, over] of c.compliant) expect(categories(text, over), text).toEqual([]);
    });
  }

  it('excuses an award superlative the canon substantiates, and only that one', () => {
    const claim = 'City Eats 2025 readers poll: best ramen in Bristol';
    const text = 'Voted best ramen in Bristol by City Eats readers, 2025';
    expect(categories(text, { field: 'headline', context: { substantiatedClaims: [claim] } })).toEqual([]);
    expect(categories(text, { field: 'headline' })).toContain('unsubstantiated_superlatives');
    expect(
      categories('Voted best sushi in Bristol', {
        field: 'headline',
        context: { substantiatedClaims: [claim] },
      }),
    ).toContain('unsubstantiated_superlatives');
  });
});

describe('auto-renewal disclosure is judged on the whole ad', () => {
  const sub = { subscription: true, specialAdCategory: null, substantiatedClaims: [] };
  const field = (key: string, f: ComplianceInput['field'], text: string) => ({
    key,
    ...input(text, { field: f, vertical: 'supplements', context: sub }),
  });

  it('a headline alone is no violation when the primary text states the terms', () => {
    const headline = field('headline', 'headline', 'Sleep gummies, $24/month');
    expect(checkCompliance(headline).map((f) => f.category)).toEqual(['auto_renewal_disclosure']);
    const ad = checkAsset([
      headline,
      field(
        'primaryText',
        'primary_text',
        '$24 a month, renews monthly until you cancel; cancel online anytime.',
      ),
    ]);
    expect(ad).toEqual([]);
  });

  it('still flags every offer field when no field of the ad discloses', () => {
    const ad = checkAsset([
      field('headline', 'headline', 'Sleep gummies, $24/month'),
      field('primaryText', 'primary_text', 'Subscribe today for $24 a month.'),
    ]);
    expect(ad.map((h) => [h.key, h.finding.category])).toEqual([
      ['headline', 'auto_renewal_disclosure'],
      ['primaryText', 'auto_renewal_disclosure'],
    ]);
  });

  it('keeps the other findings of a field of a disclosing ad', () => {
    const ad = checkAsset([
      field('headline', 'headline', 'Cures insomnia, $24/month'),
      field('primaryText', 'primary_text', 'Renews monthly until you cancel.'),
    ]);
    expect(new Set(ad.map((h) => h.finding.category))).toEqual(new Set(['health_claims']));
  });

  it('holds an image prompt only to the words it puts on the image', () => {
    const scene = field('imagePrompt', 'image_prompt', 'Desk calendar with the first week circled');
    expect(checkAsset([scene])).toEqual([]);
    const overlay = field('imagePrompt', 'image_prompt', "Phone mockup, overlay text 'First month free'");
    expect(checkAsset([overlay]).map((h) => h.finding.category)).toEqual(['auto_renewal_disclosure']);
  });

  it('QA policy issues: the asset discloses in its primary text, so its headline passes', () => {
    const scope: PolicyScope = {
      vertical: 'supplements',
      language: 'en',
      renewal: 'all',
      specialAdCategory: null,
      substantiatedClaims: [],
    };
    const copy = {
      headline: 'Wind-Down Gummies, $24/month',
      hook: 'Two gummies, lights out.',
      primaryText: '$24 a month, renews monthly until you cancel; cancel online anytime in two clicks.',
      script: null,
      imagePrompt: 'Gummy pouch beside a monthly calendar card, warm lamp light',
    };
    expect(policyIssues(copy, 'meta', scope)).toEqual([]);
    const undisclosed = policyIssues({ ...copy, primaryText: 'Two gummies, $24 a month.' }, 'meta', scope);
    expect(undisclosed.map((i) => [i.message.split(':')[0], i.policy?.category])).toEqual([
      ['headline', 'auto_renewal_disclosure'],
      ['primaryText', 'auto_renewal_disclosure'],
    ]);
    expect(disclosesRenewal(copy.primaryText)).toBe(true);
  });
});

describe("substantiated claims come from the canon's claims library", () => {
  const claim = (
    status: 'substantiated' | 'needs_substantiation' | 'not_allowed',
    substantiation: string | null,
  ) => ({
    id: `c-${status}`,
    claim: `claim ${status}`,
    status,
    substantiation,
    proofIds: [],
    evidenceRefs: [],
  });
  it('takes substantiated claims that state their substantiation, nothing else', () => {
    const canon = {
      claims: [
        claim('substantiated', 'Independent lab test, 2025'),
        claim('substantiated', '  '),
        claim('needs_substantiation', 'a draft study'),
        claim('not_allowed', null),
      ],
    } as unknown as ClientCanon;
    expect(substantiatedClaimsOf(canon)).toEqual(['claim substantiated']);
    expect(substantiatedClaimsOf(null)).toEqual([]);
  });
});

/**
 * The warning-level review signals (src/compliance/review-signals.ts), one class of wording each: violations in
 * fresh wording (each class has at least one the precise blocker rules miss, so only the signal catches it) and
 * near-misses that must stay quiet.
 */
const REVIEW_SIGNALS: {
  name: string;
  category: string;
  violating: [string, Over][];
  compliant: [string, Over][];
}[] = [
  {
    name: 'readers called out by age, sex or family role',
    category: 'personal_attributes',
    violating: [
      ['Dads over 50: you can still get fit.', { vertical: 'fitness' }],
      ['Bist du über 40 und willst fitter werden?', { language: 'de', vertical: 'fitness' }],
    ],
    compliant: [
      ['Made for women in their 40s who run their own businesses.', { vertical: 'coaching' }],
      ['Over 50 flavours for you to try.', { vertical: 'ecommerce' }],
    ],
  },
  {
    name: 'hair regrowth promised',
    category: 'health_claims',
    violating: [
      ['Regrows thinning patches in eight weeks.', { vertical: 'other' }],
      ['Lässt Haare an kahlen Stellen nachwachsen.', { language: 'de', vertical: 'other' }],
    ],
    compliant: [['Adds volume to fine hair with every wash.', { vertical: 'other' }]],
  },
  {
    name: 'live social-proof pressure',
    category: 'false_urgency',
    violating: [
      ['23 shoppers are viewing this right now.', { vertical: 'ecommerce' }],
      ['7 Personen haben gerade bestellt.', { language: 'de', vertical: 'ecommerce' }],
    ],
    compliant: [['12,000 customers have reviewed this jacket.', { vertical: 'ecommerce' }]],
  },
  {
    name: 'split images of bodies',
    category: 'before_after',
    violating: [
      [
        'Split photo: puffy eyes on the left half, bright eyes on the right half.',
        { vertical: 'skincare', field: 'image_prompt' },
      ],
    ],
    compliant: [
      [
        'Split photo: the jar open on the left, closed on the right.',
        { vertical: 'ecommerce', field: 'image_prompt' },
      ],
    ],
  },
  {
    name: 'prescription drugs and medical treatments named or compared',
    category: 'health_claims',
    violating: [
      ['The natural alternative to Wegovy.', { vertical: 'weight_loss' }],
      ['Hilft wie Schmerzmittel, nur pflanzlich.', { language: 'de', vertical: 'supplements' }],
    ],
    compliant: [
      ['Plant-based protein, no artificial sweeteners.', { vertical: 'supplements' }],
      ['Pflanzliche Tees aus kontrolliertem Anbau.', { language: 'de', vertical: 'supplements' }],
    ],
  },
  {
    name: 'revenue, sales or income multiplied',
    category: 'income_claims',
    violating: [
      ['Triple your sales with one funnel.', { vertical: 'coaching' }],
      ['Unsere Kunden verdreifachen ihren Umsatz.', { language: 'de', vertical: 'b2b_saas' }],
    ],
    compliant: [
      ['Double the storage, same price.', { vertical: 'b2b_saas' }],
      [
        'Verdopple deine Reichweite beim Lesen: Hörbuch inklusive.',
        { language: 'de', vertical: 'ecommerce' },
      ],
    ],
  },
  {
    name: 'readers addressed by their credit status',
    category: 'personal_attributes',
    violating: [
      [
        'Car finance even with bad credit.',
        { vertical: 'finance', context: { specialAdCategory: 'credit' } },
      ],
      [
        'Ratenkredit trotz negativer Schufa.',
        { language: 'de', vertical: 'finance', context: { specialAdCategory: 'credit' } },
      ],
    ],
    compliant: [
      [
        'Ratenkredit mit fester Laufzeit, effektiver Jahreszins 6,9 %.',
        { language: 'de', vertical: 'finance', context: { specialAdCategory: 'credit' } },
      ],
    ],
  },
  {
    name: 'then-and-now stories and old clothes on bodies',
    category: 'before_after',
    violating: [
      [
        'Two years ago I hid in baggy hoodies. Today I wear a bikini.',
        { vertical: 'fitness', field: 'script' },
      ],
      [
        'Foto: Mann hält seine alte Hose hoch, sie ist ihm viel zu groß.',
        { language: 'de', vertical: 'weight_loss', field: 'image_prompt' },
      ],
    ],
    compliant: [
      ['Two years ago we opened our first studio; today we run five.', { vertical: 'b2b_saas' }],
      ['Jeans im Straight Fit, jetzt in neuen Waschungen.', { language: 'de', vertical: 'ecommerce' }],
    ],
  },
  {
    name: 'calories burned, appetite or weight said to vanish',
    category: 'weight_loss',
    violating: [
      ['Burn 800 calories before breakfast.', { vertical: 'fitness' }],
      ['Heißhunger weg, Pfunde weg.', { language: 'de', vertical: 'weight_loss' }],
    ],
    compliant: [
      ['Each bar has 210 calories and 15 g protein.', { vertical: 'supplements' }],
      ['Hunger auf mehr? Neue Rezepte jeden Montag.', { language: 'de', vertical: 'ecommerce' }],
    ],
  },
  {
    name: 'killing parasites and flushing toxins',
    category: 'health_claims',
    violating: [
      ['Kills lice in a single wash.', { vertical: 'other' }],
      ['Spült Giftstoffe und Parasiten aus dem Darm.', { language: 'de', vertical: 'supplements' }],
    ],
    compliant: [
      ['Kills the mood? Not this playlist.', { vertical: 'other' }],
      ['Spült sich rückstandsfrei aus dem Haar.', { language: 'de', vertical: 'other' }],
    ],
  },
  {
    name: 'a condition or sign of ageing gone for good, or reversed',
    category: 'health_claims',
    violating: [
      ["Say goodbye to crow's feet wrinkles forever.", { vertical: 'skincare' }],
      ['Dreht die Hautalterung zurück – kehrt die Zeit um.', { language: 'de', vertical: 'skincare' }],
      ['Turns back the clock on tired skin.', { vertical: 'skincare' }],
    ],
    compliant: [
      ['Goodbye, cluttered bathroom shelf: one cream does it all.', { vertical: 'skincare' }],
      ['Für immer dein Lieblingsduft – jetzt im Nachfüllpack.', { language: 'de', vertical: 'ecommerce' }],
    ],
  },
  {
    name: 'looks a reader is told they have',
    category: 'personal_attributes',
    violating: [
      ['Hate your double chin in every photo?', { vertical: 'skincare' }],
      ['Deine Geheimratsecken werden breiter?', { language: 'de', vertical: 'other' }],
    ],
    compliant: [
      ['Your beard, your style: trimmer with 20 lengths.', { vertical: 'ecommerce' }],
      ['Dein Haar, dein Look: Föhn mit drei Stufen.', { language: 'de', vertical: 'ecommerce' }],
    ],
  },
  {
    name: 'comparative claims against every competitor',
    category: 'unsubstantiated_superlatives',
    violating: [
      ['Nothing cleans faster.', { vertical: 'ecommerce' }],
      ['Kein anderes Shampoo wirkt besser.', { language: 'de', vertical: 'ecommerce' }],
      ['Comfort like no other mattress.', { vertical: 'ecommerce' }],
    ],
    compliant: [
      ['Faster than our last model, at the same price.', { vertical: 'ecommerce' }],
      ['Nichts ist schöner als ein Sonntag im Bett.', { language: 'de', vertical: 'ecommerce' }],
    ],
  },
  {
    name: 'an auto-renewing offer without both the interval and how to cancel',
    category: 'auto_renewal_disclosure',
    violating: [
      [
        'Membership renews automatically. Join today.',
        { vertical: 'fitness', context: { subscription: true } },
      ],
      [
        'Dein Abo verlängert sich automatisch – jetzt Mitglied werden.',
        { language: 'de', vertical: 'fitness', context: { subscription: true } },
      ],
    ],
    compliant: [
      [
        'Join for €15 a month; it renews monthly and you can cancel anytime in the app.',
        { vertical: 'fitness', context: { subscription: true } },
      ],
      [
        'Verlängert sich monatlich zu 9 €, jederzeit kündbar.',
        { language: 'de', vertical: 'ecommerce', context: { subscription: true } },
      ],
      ['Join today: €15 for a single class.', { vertical: 'fitness' }],
    ],
  },
  {
    name: 'second person with a condition or life situation',
    category: 'personal_attributes',
    violating: [
      ['Tired of your bad credit holding you back from a new flat?', { vertical: 'finance' }],
      ['Deine Schulden wachsen dir über den Kopf? Wir helfen.', { language: 'de', vertical: 'finance' }],
      ['Still waking up with dark spots on your cheeks?', { vertical: 'skincare' }],
    ],
    compliant: [
      ['Your skin, your routine: three steps, morning and night.', { vertical: 'skincare' }],
      ['Check your credit score for free, with no impact on your rating.', { vertical: 'finance' }],
    ],
  },
  {
    name: 'treatment or relief verb next to a condition',
    category: 'health_claims',
    violating: [
      ['Our balm stops itching in minutes.', { vertical: 'skincare' }],
      ['Das Spray lindert Heuschnupfen-Allergien spürbar.', { language: 'de', vertical: 'supplements' }],
      ['Unser Serum beseitigt Pigmentflecken in der Tiefe.', { language: 'de', vertical: 'skincare' }],
    ],
    compliant: [
      ['Stops shine for up to eight hours.', { vertical: 'skincare' }],
      ['Beseitigt Make-up-Reste sanft und gründlich.', { language: 'de', vertical: 'skincare' }],
    ],
  },
  {
    name: 'a figure with a time unit next to a body, weight or result word',
    category: 'weight_loss',
    violating: [
      ['See the difference on your waistline in 21 days.', { vertical: 'weight_loss' }],
      ['Sichtbare Ergebnisse nach 10 Tagen am Bauch.', { language: 'de', vertical: 'fitness' }],
    ],
    compliant: [
      ['Keeps skin hydrated for 48 hours.', { vertical: 'skincare' }],
      ['Try it for 30 days; not happy, full refund with our money-back promise.', { vertical: 'fitness' }],
    ],
  },
  {
    name: 'money per period next to work or income wording',
    category: 'income_claims',
    violating: [
      ['Side job from home: €300 a day, start tomorrow.', { vertical: 'other' }],
      ['Remote side gig: $250 a day, no experience needed.', { vertical: 'other' }],
      ['Verdiene 2.000 € im Monat mit deinem Handy.', { language: 'de', vertical: 'coaching' }],
    ],
    compliant: [
      [
        'Warehouse job, $19 per hour, weekends off.',
        { vertical: 'recruiting', context: { specialAdCategory: 'employment' } },
      ],
      ['The plan costs €12 per month and includes five seats.', { vertical: 'b2b_saas' }],
    ],
  },
  {
    name: 'superlative or uniqueness without a source',
    category: 'unsubstantiated_superlatives',
    violating: [
      ['The best protein bar in Austria.', { field: 'headline', vertical: 'supplements' }],
      ['Unschlagbar günstig: Münchens Nr. 1 für Umzüge.', { language: 'de', vertical: 'other' }],
      ['A revolutionary serum for tired eyes.', { vertical: 'skincare' }],
    ],
    compliant: [
      ['Our best-selling hoodie is back in grey.', { vertical: 'ecommerce' }],
      ['Am besten morgens auf die gereinigte Haut auftragen.', { language: 'de', vertical: 'skincare' }],
    ],
  },
  {
    name: 'scarcity and time pressure',
    category: 'false_urgency',
    violating: [
      ['Just 4 spots in the cohort remaining!', { vertical: 'coaching' }],
      ['Nur noch 2 Plätze im Kurs frei!', { language: 'de', vertical: 'coaching' }],
      ['Wer zögert, verpasst die Gelegenheit.', { language: 'de', vertical: 'coaching' }],
    ],
    compliant: [
      ['Free returns within 30 days of delivery.', { vertical: 'ecommerce' }],
      ['Kurs mit 12 Plätzen, Start am 3. März.', { language: 'de', vertical: 'coaching' }],
    ],
  },
  {
    name: 'credit, job or housing wording without a declared special ad category',
    category: 'special_ad_category',
    violating: [
      ['Personal loans with a decision in one day.', { vertical: 'finance' }],
      ['New condos downtown, viewings this weekend.', { vertical: 'real_estate' }],
      [
        'Eigentumswohnungen am Stadtpark, Besichtigung am Samstag.',
        { language: 'de', vertical: 'real_estate' },
      ],
      ['Schöne 2-Zimmer-Wohnung zu vermieten, ab sofort frei.', { language: 'de', vertical: 'real_estate' }],
    ],
    compliant: [
      ['No credit card needed to start your trial.', { vertical: 'b2b_saas' }],
      ['Zahle bequem per Kreditkarte oder Rechnung.', { language: 'de', vertical: 'ecommerce' }],
    ],
  },
  {
    name: 'traits in a credit, job or housing ad',
    category: 'special_ad_category',
    violating: [
      [
        'Perfect rental for retirees who want quiet.',
        { vertical: 'real_estate', context: { specialAdCategory: 'housing' } },
      ],
      [
        'Wir suchen Mütter für unser Kundenteam.',
        { language: 'de', vertical: 'recruiting', context: { specialAdCategory: 'employment' } },
      ],
    ],
    compliant: [
      [
        'Bürokaufleute (m/w/d), 30 bis 40 Stunden pro Woche.',
        { language: 'de', vertical: 'recruiting', context: { specialAdCategory: 'employment' } },
      ],
      [
        'Car loans over 48 months at a fixed rate.',
        { vertical: 'finance', context: { specialAdCategory: 'credit' } },
      ],
    ],
  },
  {
    name: 'transformation wording on bodies or skin',
    category: 'before_after',
    violating: [
      ['Watch her transformation in this 30-second reel.', { vertical: 'fitness', field: 'script' }],
      [
        'Split-screen: left half of the face untreated, right half with the serum.',
        { vertical: 'skincare', field: 'image_prompt' },
      ],
      ['Tag 1 gegen Tag 90 – erkennst du sie noch?', { language: 'de', vertical: 'fitness' }],
    ],
    compliant: [
      ['Digital transformation for mid-sized retailers.', { vertical: 'b2b_saas' }],
      [
        'Product shot: the cream jar on a marble shelf, soft morning light.',
        { vertical: 'skincare', field: 'image_prompt' },
      ],
    ],
  },
  // widened by kind on red-team-3's misses
  {
    name: 'clothes said to loosen or fit again',
    category: 'weight_loss',
    violating: [
      ['By next month your belt will need a new notch.', { vertical: 'supplements' }],
      ['Three weeks in and her work trousers are already baggy.', { vertical: 'weight_loss' }],
      ['Deine Lieblingsjeans sitzt bald viel lockerer.', { language: 'de', vertical: 'fitness' }],
      ['Endlich passt du wieder in deine alte Hose.', { language: 'de', vertical: 'weight_loss' }],
    ],
    compliant: [
      ['Our jeans come in a relaxed, loose cut for summer.', { vertical: 'ecommerce' }],
      ['Die Hose hat einen weiten Schnitt und elastischen Bund.', { language: 'de', vertical: 'ecommerce' }],
    ],
  },
  {
    name: 'reader told they are lonely or friendless',
    category: 'personal_attributes',
    violating: [
      ["You're always the one nobody invites, aren't you?", { vertical: 'other' }],
      ['Tired of feeling so alone every weekend? Your new crew is one tap away.', { vertical: 'other' }],
      ['Du sitzt schon wieder ganz allein zu Hause?', { language: 'de', vertical: 'other' }],
    ],
    compliant: [
      ['Meet people who love board games as much as you do.', { vertical: 'other' }],
      ['Finde Leute in deiner Stadt, die gern wandern.', { language: 'de', vertical: 'other' }],
    ],
  },
  {
    name: 'other members of a group or place',
    category: 'personal_attributes',
    violating: [
      ['Fellow widows in Bristol already share their evenings here.', { vertical: 'other' }],
      ['Other retirees near you already cut their energy bills with this.', { vertical: 'finance' }],
      [
        'Andere Alleinerziehende aus Köln sparen schon mit dieser App.',
        { language: 'de', vertical: 'finance' },
      ],
    ],
    compliant: [
      ['Join 20,000 members who plan their week with this app.', { vertical: 'b2b_saas' }],
      ['Andere Apps vergessen deine Einkaufsliste. Wir nicht.', { language: 'de', vertical: 'other' }],
    ],
  },
  {
    name: 'quit the job, fire the boss, live off the gains',
    category: 'income_claims',
    violating: [
      ['Imagine handing in your notice and living off your trading profits.', { vertical: 'finance' }],
      ['Ditch your 9-to-5 and never commute again.', { vertical: 'coaching' }],
      ['This little side project covers your rent every month.', { vertical: 'coaching' }],
      ['Schmeiß deinen Bürojob hin, unser Kurs zeigt dir wie.', { language: 'de', vertical: 'coaching' }],
      [
        'Mit diesem Nebenprojekt finanzierst du deinen nächsten Urlaub.',
        { language: 'de', vertical: 'coaching' },
      ],
    ],
    compliant: [
      ['Plan your next holiday with a shared budget you both can see.', { vertical: 'finance' }],
      [
        'Wir suchen Verstärkung: bewirb dich als Teamleitung im Lager.',
        { language: 'de', vertical: 'recruiting', context: { specialAdCategory: 'employment' } },
      ],
    ],
  },
  {
    name: 'subscription sold by its cheapness without terms',
    category: 'auto_renewal_disclosure',
    violating: [
      [
        'Costs less than your morning latte and unlocks every workout.',
        { vertical: 'fitness', context: { subscription: true } },
      ],
      [
        'Honestly I pay next to nothing for all of this.',
        { vertical: 'other', field: 'hook', context: { subscription: true } },
      ],
      [
        'Für weniger als einen Kaffee bekommst du unbegrenzt Hörbücher.',
        { language: 'de', vertical: 'other', context: { subscription: true } },
      ],
    ],
    compliant: [
      [
        '€4.99 per month, renews monthly, cancel anytime in the app. Costs less than a coffee.',
        { vertical: 'other', context: { subscription: true } },
      ],
      [
        '4,99 € pro Monat, monatlich kündbar. Unbegrenzt Hörbücher.',
        { language: 'de', vertical: 'other', context: { subscription: true } },
      ],
    ],
  },
  {
    name: 'minute countdowns and offers that lapse',
    category: 'false_urgency',
    violating: [
      [
        'Your cart is held for the next 10 minutes, then it is released.',
        { vertical: 'ecommerce', field: 'landing_page' },
      ],
      [
        'Dein Platz ist nur noch 09:59 Minuten reserviert.',
        { language: 'de', vertical: 'coaching', field: 'landing_page' },
      ],
      ['Danach verfällt dein Bonus endgültig.', { language: 'de', vertical: 'ecommerce' }],
    ],
    compliant: [
      ['Fresh pasta, ready in 10 minutes.', { vertical: 'ecommerce' }],
      ['Der Teig muss 15 Minuten ruhen, dann ab in den Ofen.', { language: 'de', vertical: 'ecommerce' }],
    ],
  },
  {
    name: 'nobody makes it better',
    category: 'unsubstantiated_superlatives',
    violating: [
      ['Nobody brews a smoother cold coffee. Nobody.', { vertical: 'ecommerce' }],
      ['No brand makes a softer hoodie, not Adidas, not anyone.', { vertical: 'ecommerce' }],
      ['Niemand macht bessere Laufschuhe als wir.', { language: 'de', vertical: 'ecommerce' }],
    ],
    compliant: [
      ['Nobody likes cold feet, so we lined it with wool.', { vertical: 'ecommerce' }],
      ['Niemand muss hier etwas abonnieren.', { language: 'de', vertical: 'ecommerce' }],
    ],
  },
  {
    name: 'narrated then-and-now looks and swipe reveals',
    category: 'before_after',
    violating: [
      [
        'This is what Dana looked like before her first class, and this is her today.',
        { vertical: 'fitness' },
      ],
      ['Swipe left to see her after photo.', { vertical: 'fitness' }],
      [
        'So sah Jana vor dem Programm aus. Wisch nach rechts für heute.',
        { language: 'de', vertical: 'fitness' },
      ],
    ],
    compliant: [
      ['Swipe to see all six colours of the mat.', { vertical: 'fitness' }],
      ['Wisch durch die Übungen der Woche.', { language: 'de', vertical: 'fitness' }],
    ],
  },
];

/** Compliant classes excused after red-team-3's false alarms: the violation beside them is still flagged. */
const EXCUSED_CLASSES: {
  name: string;
  category: string;
  violating: [string, Over][];
  compliant: [string, Over][];
}[] = [
  {
    name: 'a timer as a product feature',
    category: 'false_urgency',
    violating: [['Only 2 left. Countdown timer running: 04:59.', { vertical: 'ecommerce' }]],
    compliant: [
      [
        'Scene 2: Close-up of the built-in rest timer between sets.',
        { vertical: 'fitness', field: 'script' },
      ],
      ['Mit Küchen-Timer und Rezeptvorschlägen.', { language: 'de', vertical: 'ecommerce' }],
      ['The kitchen timer beeps and dinner is ready.', { vertical: 'ecommerce' }],
    ],
  },
  {
    name: 'colour words in job, loan or home creatives',
    category: 'special_ad_category',
    violating: [
      [
        'Young white professionals wanted for our sales team.',
        { vertical: 'recruiting', context: { specialAdCategory: 'employment' } },
      ],
    ],
    compliant: [
      [
        'Team meeting in a sunny office, walls painted navy and white.',
        { vertical: 'recruiting', field: 'image_prompt', context: { specialAdCategory: 'employment' } },
      ],
      [
        'Apartment render with black window frames and oak floors.',
        { vertical: 'real_estate', field: 'image_prompt', context: { specialAdCategory: 'housing' } },
      ],
      [
        'Logo in Grün und Weiß auf hellem Hintergrund.',
        {
          language: 'de',
          vertical: 'finance',
          field: 'image_prompt',
          context: { specialAdCategory: 'credit' },
        },
      ],
    ],
  },
  {
    name: 'seniority in a job title',
    category: 'special_ad_category',
    violating: [
      [
        'Seniors need not apply: we want fresh energy.',
        { vertical: 'recruiting', context: { specialAdCategory: 'employment' } },
      ],
    ],
    compliant: [
      [
        'Senior Data Analyst, hybrid in Hamburg. Salary €70,000–€82,000.',
        { vertical: 'recruiting', field: 'landing_page', context: { specialAdCategory: 'employment' } },
      ],
      [
        'Wir suchen eine Senior Beraterin für unser Team in Köln.',
        { language: 'de', vertical: 'recruiting', context: { specialAdCategory: 'employment' } },
      ],
      [
        'Junior Designer (all genders), remote.',
        { vertical: 'recruiting', context: { specialAdCategory: 'employment' } },
      ],
    ],
  },
  {
    name: 'a sustainable, substantiated pace of weight loss',
    category: 'weight_loss',
    violating: [
      [
        'Lose weight fast: 6 kg in 2 weeks.',
        {
          vertical: 'weight_loss',
          context: { substantiatedClaims: ['members lose 0.5 kg per week on average'] },
        },
      ],
    ],
    compliant: [
      [
        'Lose weight at a steady pace. Results vary; members average 0.5 kg per week.',
        { vertical: 'weight_loss', context: { substantiatedClaims: ['members average 0.5 kg per week'] } },
      ],
      [
        'Nachhaltig abnehmen: im Schnitt 0,5 kg pro Woche, Ergebnisse können variieren.',
        {
          language: 'de',
          vertical: 'weight_loss',
          context: { substantiatedClaims: ['Nutzerauswertung: Ø 0,5 kg pro Woche'] },
        },
      ],
      [
        'Weight loss at your own pace, with a plan your dietitian can see. Results vary.',
        {
          vertical: 'weight_loss',
          context: { substantiatedClaims: ['average loss 0.4 kg per week in 2025 user data'] },
        },
      ],
    ],
  },
  {
    name: 'a dated ranking the canon substantiates',
    category: 'unsubstantiated_superlatives',
    violating: [['#1 selling protein bar in the UK.', { vertical: 'supplements' }]],
    compliant: [
      [
        '#1 rated budgeting app in Finance on Google Play (March 2026).',
        { vertical: 'finance', context: { substantiatedClaims: ['Google Play #1 Finance March 2026'] } },
      ],
      [
        'Ranked #1 among running apps on the German App Store (1 June 2026).',
        {
          vertical: 'fitness',
          context: { substantiatedClaims: ['App Store DE #1 running apps 1 June 2026'] },
        },
      ],
      [
        '#1 meistverkaufte Zahnpasta in Deutschland (GfK, 2025).',
        {
          language: 'de',
          vertical: 'ecommerce',
          context: { substantiatedClaims: ['GfK 2025: #1 Zahnpasta Deutschland'] },
        },
      ],
    ],
  },
  {
    name: 'a deadline with its full numeric date',
    category: 'false_urgency',
    violating: [['Nur bis Freitag! Danach ist alles weg.', { language: 'de', vertical: 'ecommerce' }]],
    compliant: [
      ['Sommeraktion: gültig bis 30.06.2027.', { language: 'de', vertical: 'ecommerce' }],
      ['Offer valid until 12/31/2026 while the catalogue lasts.', { vertical: 'ecommerce' }],
      [
        'Frühbucherpreis nur bis 15.03.2027, danach regulärer Preis.',
        { language: 'de', vertical: 'coaching' },
      ],
    ],
  },
];

describe('compliant classes the check excuses', () => {
  for (const c of EXCUSED_CLASSES) {
    it(`${c.name}: the violation beside it is still flagged under ${c.category}`, () => {
      for (const [text, over] of c.violating) expect(categories(text, over), text).toContain(c.category);
    });
    it(`${c.name}: the compliant wording passes`, () => {
      for (const [text, over] of c.compliant) expect(categories(text, over), text).toEqual([]);
    });
  }
});

describe('review signals: warnings for a person at the asset gate', () => {
  for (const c of REVIEW_SIGNALS) {
    it(`${c.name}: flags the violations under ${c.category}, at least one as a warning only`, () => {
      for (const [text, over] of c.violating) expect(categories(text, over), text).toContain(c.category);
      const warnedOnly = c.violating.filter(([text, over]) => {
        const found = checkCompliance(input(text, over)).filter((f) => f.category === c.category);
        return found.length > 0 && found.every((f) => f.severity === 'warning');
      });
      expect(warnedOnly.length, c.name).toBeGreaterThan(0);
    });
    it(`${c.name}: leaves the near-misses alone`, () => {
      for (const [text, over] of c.compliant) expect(categories(text, over), text).toEqual([]);
    });
  }

  it('a warning does not block: the asset check reports it with its severity', () => {
    const found = checkAsset([
      {
        key: 'headlines.0',
        ...input('Watch her transformation in this 30-second reel.', { vertical: 'fitness' }),
      },
    ]);
    expect(found.map((f) => [f.key, f.finding.category, f.finding.severity])).toEqual([
      ['headlines.0', 'before_after', 'warning'],
    ]);
  });
});
