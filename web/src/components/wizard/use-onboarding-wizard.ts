import type { AdVertical } from '@mos/db/contracts';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { toast } from '@/components/ui/sonner';
import { errorCode, errorMessage, fieldIssuesOf } from '@/lib/errors';
import { trpc } from '@/lib/trpc';
import { OnboardingIntake } from './schemas';
import {
  EMPTY_VALUES,
  type Errors,
  errorKey,
  errorsOfStep,
  type OfferDraft,
  STEPS,
  type StepId,
  stepOfKey,
  toCents,
  toClientCreate,
  toIntake,
  validateAll,
  type WizardValues,
} from './wizard-model';

export interface WizardClient {
  id: string;
  name: string;
  industry: string | null;
  adVertical?: AdVertical | null;
  primaryMarkets: string[];
  primaryLanguages: string[];
}

/**
 * The onboarding wizard's state and actions: values, the step shown, per-field errors, step navigation that only
 * moves forward through valid steps, and the submit sequence (client → offers with price points → onboarding.start)
 * that survives a retry without creating anything twice.
 */
export function useOnboardingWizard({
  client,
  onOpenChange,
}: {
  client: WizardClient | undefined;
  onOpenChange: (open: boolean) => void;
}) {
  const utils = trpc.useUtils();
  // Silent: the wizard shows each failure on its own step and field (or says it once itself).
  const createClient = trpc.clients.create.useMutation({ meta: { silent: true } });
  const createOffer = trpc.offers.create.useMutation({ meta: { silent: true } });
  const startOnboarding = trpc.onboarding.start.useMutation({ meta: { silent: true } });
  const navigate = useNavigate();
  const initial = (): WizardValues =>
    client
      ? {
          ...EMPTY_VALUES,
          name: client.name,
          industry: client.industry ?? '',
          adVertical: client.adVertical ?? '',
          primaryMarkets: client.primaryMarkets,
          primaryLanguages: client.primaryLanguages,
        }
      : EMPTY_VALUES;
  const [values, setValues] = useState<WizardValues>(initial);
  const [stepIndex, setStepIndex] = useState(0);
  const [errors, setErrors] = useState<Errors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // Kept across retries so a failed onboarding.start does not create the client (or its offers) twice.
  const [createdClientId, setCreatedClientId] = useState<string | null>(client?.id ?? null);
  const [savedOffers, setSavedOffers] = useState<ReadonlySet<number>>(new Set());

  const step = STEPS[stepIndex] ?? STEPS[0];
  const isNew = !client;
  const set = <K extends keyof WizardValues>(k: K, v: WizardValues[K]) => {
    setValues((prev) => ({ ...prev, [k]: v }));
    setErrors(({ [k]: _drop, ...rest }) => rest);
  };
  const setOffer = (n: number, patch: Partial<OfferDraft>) =>
    setValues((prev) => ({ ...prev, offers: prev.offers.map((o, i) => (i === n ? { ...o, ...patch } : o)) }));

  function reset() {
    setValues(initial());
    setStepIndex(0);
    setErrors({});
    setSubmitError(null);
    setCreatedClientId(client?.id ?? null);
    setSavedOffers(new Set());
  }

  function goTo(target: number) {
    // Forward only through valid steps; back is always allowed.
    if (target > stepIndex) {
      const all = validateAll(values, isNew && !createdClientId);
      for (let i = stepIndex; i < target; i++) {
        const id = STEPS[i]?.id as StepId;
        const own = errorsOfStep(all, id);
        if (Object.keys(own).length > 0) {
          setErrors(own);
          setStepIndex(i);
          return;
        }
      }
    }
    setErrors({});
    setSubmitError(null);
    setStepIndex(target);
  }

  /** Server field errors go onto their step and field; the earliest such step is opened. */
  function showServerErrors(err: unknown, prefix: 'intake' | 'client' | { offer: number }): boolean {
    const mapped: Errors = {};
    for (const issue of fieldIssuesOf(err)) {
      let path: (string | number)[] = issue.path;
      if (prefix === 'intake' && path[0] === 'intake') path = path.slice(1);
      const key = typeof prefix === 'object' ? `offers.${prefix.offer}` : errorKey(path);
      if (stepOfKey(key))
        mapped[key] ??= typeof prefix === 'object' ? `${path.join('.')}: ${issue.message}` : issue.message;
    }
    const keys = Object.keys(mapped);
    if (keys.length === 0) return false;
    const first = STEPS.findIndex((s) => keys.some((k) => stepOfKey(k) === s.id));
    setErrors(mapped);
    setStepIndex(first);
    return true;
  }

  async function submit() {
    const all = validateAll(values, isNew && !createdClientId);
    const firstBad = STEPS.findIndex((s) => Object.keys(errorsOfStep(all, s.id)).length > 0);
    if (firstBad >= 0) {
      setErrors(errorsOfStep(all, STEPS[firstBad]?.id as StepId));
      setStepIndex(firstBad);
      return;
    }
    setSubmitting(true);
    setSubmitError(null);
    let stage: 'client' | 'intake' | { offer: number } = 'client';
    try {
      let clientId = createdClientId;
      if (!clientId) {
        const created = await createClient.mutateAsync(toClientCreate(values));
        clientId = created.id;
        setCreatedClientId(clientId);
        await utils.clients.list.invalidate();
      }
      const saved = new Set(savedOffers);
      for (const [n, o] of values.offers.entries()) {
        if (o.pricePoints.length === 0 || saved.has(n)) continue;
        stage = { offer: n };
        await createOffer.mutateAsync({
          clientId,
          name: o.name.trim(),
          businessModel: o.businessModel.trim(),
          pricePoints: o.pricePoints.map((p) => ({
            label: p.label.trim(),
            amountCents: toCents(p.amount),
            currency: p.currency.trim().toUpperCase(),
          })),
        });
        saved.add(n);
        setSavedOffers(new Set(saved));
      }
      stage = 'intake';
      await startOnboarding.mutateAsync({ clientId, intake: OnboardingIntake.parse(toIntake(values)) });
      await Promise.all([utils.workflows.list.invalidate(), utils.offers.list.invalidate({ clientId })]);
      toast.success(`Onboarding started for “${values.name.trim()}”`, {
        description: 'MOS is researching the business; the canon will wait for your review.',
      });
      onOpenChange(false);
      reset();
      void navigate(`/clients/${clientId}`);
    } catch (err) {
      if (errorCode(err) === 'UNAUTHORIZED') {
        toast.error('Your session ended. Please sign in again.');
      } else if (errorCode(err) === 'FORBIDDEN') {
        setSubmitError(
          stage === 'intake'
            ? 'Starting onboarding needs the operator or admin role. Ask an admin of your organization to start it, or to change your role.'
            : `You are not allowed to do this: ${errorMessage(err)}`,
        );
      } else if (!showServerErrors(err, stage)) {
        setSubmitError(errorMessage(err));
        toast.error(errorMessage(err));
      }
    } finally {
      setSubmitting(false);
    }
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (step.id === 'review') void submit();
    else goTo(stepIndex + 1);
  }

  const progress = Math.round(((stepIndex + 1) / STEPS.length) * 100);
  return {
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
  };
}
