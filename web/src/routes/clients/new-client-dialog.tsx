import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PlusIcon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField, fieldErrorId } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/sonner';
import { errorMessage, fieldIssuesOf, mapFieldErrors } from '@/lib/errors';
import { api } from '@/lib/trpc';

const FIELDS = ['name', 'industry', 'primaryMarkets', 'primaryLanguages'] as const;
type Field = (typeof FIELDS)[number];
const EMPTY: Record<Field, string> = { name: '', industry: '', primaryMarkets: '', primaryLanguages: '' };

const splitList = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Creates a client from its basics; the six-step onboarding wizard replaces this in the next iteration. */
export function NewClientDialog() {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<Field, string>>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const create = useMutation({
    mutationFn: () =>
      api.clients.create.mutate({
        name: values.name,
        industry: values.industry.trim() || null,
        primaryMarkets: splitList(values.primaryMarkets),
        primaryLanguages: splitList(values.primaryLanguages),
      }),
    // Field problems are shown on the fields; anything else is toasted in onError.
    meta: { silent: true },
    onSuccess: async (client) => {
      toast.success(`Client “${client.name}” created`);
      setOpen(false);
      setValues(EMPTY);
      await queryClient.invalidateQueries({ queryKey: ['clients.list'] });
    },
    onError: (err) => {
      const { errors: mapped, unmatched } = mapFieldErrors(fieldIssuesOf(err), FIELDS);
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || unmatched.length > 0) toast.error(errorMessage(err));
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!values.name.trim()) {
      setErrors({ name: 'is required' });
      return;
    }
    setErrors({});
    create.mutate();
  }

  const field = (f: Field) => ({
    id: `client-${f}`,
    value: values[f],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value })),
    ...(errors[f] ? { 'aria-invalid': true as const, 'aria-describedby': fieldErrorId(`client-${f}`) } : {}),
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setErrors({});
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden />
          New client
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New client</DialogTitle>
          <DialogDescription>
            Start with the basics; offers, constraints and funnels come later.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4" aria-label="New client">
          <FormField id="client-name" label="Name" error={errors.name}>
            <Input placeholder="Acme Skincare" {...field('name')} />
          </FormField>
          <FormField id="client-industry" label="Industry" error={errors.industry}>
            <Input placeholder="DTC beauty" {...field('industry')} />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField
              id="client-primaryMarkets"
              label="Primary markets"
              error={errors.primaryMarkets}
              hint="Comma separated, e.g. US, DE"
            >
              <Input placeholder="US, DE" {...field('primaryMarkets')} />
            </FormField>
            <FormField
              id="client-primaryLanguages"
              label="Languages"
              error={errors.primaryLanguages}
              hint="Comma separated, e.g. en, de"
            >
              <Input placeholder="en, de" {...field('primaryLanguages')} />
            </FormField>
          </div>
          <DialogFooter className="mt-2">
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create client'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
