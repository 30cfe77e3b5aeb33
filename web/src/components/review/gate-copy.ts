import type { Gate } from '@mos/db/contracts';

/** What each gate asks of a person, in words. */
export const GATE_COPY: Record<Gate, { title: string; description: string }> = {
  canon: {
    title: 'Client canon',
    description: 'What is true about the business: brand, offers, audiences, voice and constraints.',
  },
  metric_schema: {
    title: 'Metric schema',
    description: 'The metrics experiments are judged by, with their events and guardrails.',
  },
  strategy_sheet: {
    title: 'Strategy sheet',
    description: 'The campaign’s goal, audiences, channels and budget split.',
  },
  experiments: {
    title: 'Experiment specs',
    description: 'Approve or reject each experiment, or edit the set and approve everything still open.',
  },
  assets: {
    title: 'Creative assets',
    description: 'Generated copy with its brand and compliance QA. Approve or reject each asset.',
  },
  experiment_decision: {
    title: 'Experiment decision',
    description:
      'The experiment’s rule proposes to ship a winner or stop the test, with its numbers. Approve to apply it, or reject with feedback to keep reading.',
  },
  step_failed: {
    title: 'Step failed — needs you',
    description:
      'A drafting step could not produce a valid document. Retry it (with a hint if you like), write the document yourself, or stop the run.',
  },
};
