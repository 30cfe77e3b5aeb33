import { CheckIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { cn } from '@/lib/utils';
import { useOnboardingWizard, type WizardClient } from './use-onboarding-wizard';
import { STEPS } from './wizard-model';
import { BasicsStep, ConstraintsStep, FunnelStep, MarketsStep, OffersStep, ReviewStep } from './wizard-steps';

export interface OnboardingWizardProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Onboard an existing client instead of creating one; its basics are then read-only. */
  client?: WizardClient;
}

/** The onboarding dialog: progress, the step list, the current step and Back / Next / Start onboarding. */
export function OnboardingWizard({ open, onOpenChange, client }: OnboardingWizardProps) {
  const {
    values,
    step,
    stepIndex,
    errors,
    setErrors,
    submitError,
    submitting,
    isNew,
    progress,
    set,
    setOffer,
    goTo,
    onSubmit,
  } = useOnboardingWizard({ client, onOpenChange });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        onOpenChange(o);
        if (!o && !submitting) setErrors({});
      }}
    >
      <DialogContent className="max-h-[calc(100dvh-2rem)] max-w-2xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{client ? `Onboard ${client.name}` : 'New client'}</DialogTitle>
          <DialogDescription>
            Tell MOS about the business. It researches the market and drafts the canon and metric schema for
            your review.
          </DialogDescription>
        </DialogHeader>

        <div className="space-y-3">
          <div
            role="progressbar"
            aria-label="Onboarding progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progress}
            aria-valuetext={`Step ${stepIndex + 1} of ${STEPS.length}: ${step.title}`}
            className="h-1.5 overflow-hidden rounded-full bg-muted"
          >
            <div className="h-full bg-primary transition-all" style={{ width: `${progress}%` }} />
          </div>
          <ol className="flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Steps">
            {STEPS.map((s, i) => (
              <li key={s.id}>
                <button
                  type="button"
                  onClick={() => goTo(i)}
                  aria-current={i === stepIndex ? 'step' : undefined}
                  className={cn(
                    'inline-flex items-center gap-1 rounded px-1 py-0.5 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
                    i === stepIndex
                      ? 'font-semibold text-foreground'
                      : 'text-muted-foreground hover:text-foreground',
                  )}
                >
                  {i < stepIndex ? <CheckIcon className="size-3 text-success" aria-hidden /> : `${i + 1}.`}{' '}
                  {s.title}
                </button>
              </li>
            ))}
          </ol>
        </div>

        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <h3 className="text-base font-semibold">{step.title}</h3>
          {step.id === 'basics' ? (
            <BasicsStep values={values} errors={errors} set={set} readOnlyClient={!isNew} />
          ) : step.id === 'markets' ? (
            <MarketsStep values={values} errors={errors} set={set} />
          ) : step.id === 'offers' ? (
            <OffersStep
              values={values}
              errors={errors}
              setOffer={setOffer}
              setOffers={(offers) => set('offers', offers)}
            />
          ) : step.id === 'constraints' ? (
            <ConstraintsStep values={values} errors={errors} set={set} />
          ) : step.id === 'funnel' ? (
            <FunnelStep values={values} errors={errors} set={set} />
          ) : (
            <ReviewStep values={values} onEdit={(i) => goTo(i)} />
          )}

          {submitError ? (
            <p
              role="alert"
              className="rounded-md border border-destructive/30 bg-destructive/5 p-3 text-sm text-destructive"
            >
              {submitError}
            </p>
          ) : null}

          <div className="mt-2 flex flex-col-reverse gap-2 border-t pt-4 sm:flex-row sm:justify-between">
            <Button
              variant="outline"
              onClick={() => (stepIndex === 0 ? onOpenChange(false) : goTo(stepIndex - 1))}
            >
              {stepIndex === 0 ? 'Cancel' : 'Back'}
            </Button>
            <Button type="submit" disabled={submitting}>
              {step.id === 'review' ? (submitting ? 'Starting…' : 'Start onboarding') : 'Next'}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
