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
import { NativeSelect } from '@/components/ui/native-select';
import { toast } from '@/components/ui/sonner';
import { errorMessage, fieldIssuesOf, mapFieldErrors } from '@/lib/errors';
import { trpc } from '@/lib/trpc';

const FIELDS = ['name', 'slug', 'templateId'] as const;
type Field = (typeof FIELDS)[number];

/** A new page from a template of the block library (or blank); the API makes the slug unique. */
export function AddPageDialog({ funnelId }: { funnelId: string }) {
  const utils = trpc.useUtils();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const templates = trpc.funnels.templates.useQuery(undefined, { enabled: open, staleTime: 300_000 });
  const create = trpc.funnels.createPage.useMutation({
    meta: { silent: true },
    onSuccess: async (p) => {
      toast.success(`Page “${p.page.name}” added`);
      setOpen(false);
      setName('');
      setSlug('');
      setTemplateId('');
      await utils.funnels.get.invalidate({ id: funnelId });
    },
    onError: (err) => {
      const { errors: mapped, unmatched } = mapFieldErrors(fieldIssuesOf(err), FIELDS);
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || unmatched.length > 0) toast.error(errorMessage(err));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ name: 'is required' });
      return;
    }
    setErrors({});
    create.mutate({
      funnelId,
      name: name.trim(),
      slug: slug.trim() || undefined,
      templateId: templateId || null,
    });
  };
  const chosen = templates.data?.find((t) => t.id === templateId);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <PlusIcon aria-hidden /> Add page
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add a page</DialogTitle>
          <DialogDescription>
            Start from a template of the block library, or from a blank page.
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" noValidate onSubmit={submit} aria-label="Add a page">
          <FormField
            id="page-templateId"
            label="Template"
            error={errors.templateId}
            hint={chosen?.description}
          >
            <NativeSelect
              id="page-templateId"
              value={templateId}
              onChange={(e) => setTemplateId(e.target.value)}
            >
              <option value="">Blank page</option>
              {templates.data?.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField id="page-name" label="Name" error={errors.name}>
              <Input
                id="page-name"
                placeholder="Landing"
                value={name}
                onChange={(e) => setName(e.target.value)}
                {...(errors.name
                  ? { 'aria-invalid': true, 'aria-describedby': fieldErrorId('page-name') }
                  : {})}
              />
            </FormField>
            <FormField id="page-slug" label="Slug" error={errors.slug} hint="From the name when empty.">
              <Input
                id="page-slug"
                placeholder="landing"
                value={slug}
                onChange={(e) => setSlug(e.target.value)}
                {...(errors.slug
                  ? { 'aria-invalid': true, 'aria-describedby': fieldErrorId('page-slug') }
                  : {})}
              />
            </FormField>
          </div>
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? 'Adding…' : 'Add page'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
